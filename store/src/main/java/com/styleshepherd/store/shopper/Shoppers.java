package com.styleshepherd.store.shopper;

import jakarta.inject.Singleton;

/**
 * The {@code users} rows: a shopper exists from the first thing they save (a profile, a checkout, a
 * memory). The id is the access token's subject.
 */
@Singleton
public class Shoppers {

    private final ShopperRepository repository;

    Shoppers(ShopperRepository repository) {
        this.repository = repository;
    }

    /** Creates the shopper's row unless it exists; call inside the transaction that needs it. */
    public void ensure(String userId) {
        repository.ensure(userId);
    }
}
