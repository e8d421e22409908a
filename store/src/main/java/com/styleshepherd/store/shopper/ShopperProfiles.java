package com.styleshepherd.store.shopper;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Shoppers' profiles (table {@code profiles}), one per shopper. */
@Singleton
public class ShopperProfiles {

    /** The profile read ({@code :userId} = the shopper); the API read benchmark runs it over plain JDBC too. */
    public static final String FIND_BY_USER = "SELECT * FROM profiles WHERE user_id = :userId";

    private final ProfileRepository repository;
    private final Shoppers shoppers;

    ShopperProfiles(ProfileRepository repository, Shoppers shoppers) {
        this.repository = repository;
        this.shoppers = shoppers;
    }

    @Transactional
    public Optional<ShopperProfile> find(String userId) {
        return repository.find(userId).map(StoredProfile::toProfile);
    }

    /** Replaces the shopper's profile with this one (what is left out is cleared); returns it as stored. */
    @Transactional
    public ShopperProfile save(String userId, ShopperProfile profile) {
        shoppers.ensure(userId);
        return repository.upsert(StoredProfile.of(userId, profile)).toProfile();
    }
}
