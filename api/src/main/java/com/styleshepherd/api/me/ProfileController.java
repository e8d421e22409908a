package com.styleshepherd.api.me;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.shopper.ShopperProfile;
import com.styleshepherd.store.shopper.ShopperProfiles;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's own profile: measurements, usual sizes, style preferences and budget, which the stylist
 * and the return-risk model read. A shopper who never saved one gets an empty profile.
 */
@Controller("/api/me/profile")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class ProfileController {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileController.class);

    static final String CACHE = "profiles";
    static final Duration CACHE_TTL = Duration.ofMinutes(10);

    private final ShopperProfiles profiles;
    private final TaggedCache cache;

    ProfileController(ShopperProfiles profiles, TaggedCache cache) {
        this.profiles = profiles;
        this.cache = cache;
    }

    /** The caller's profile: measurements, usual sizes, style preferences and budget (empty until saved). */
    @Get
    @Operation(operationId = "getProfile")
    ProfileDocument read(Principal shopper) {
        String userId = shopper.getName();
        return ProfileDocument.of(cache.getOrCompute(CACHE, userId, Argument.of(ShopperProfile.class), CACHE_TTL,
                Set.of(TaggedCache.shopperTag(userId)), () -> profiles.find(userId).orElse(ShopperProfile.EMPTY)));
    }

    /** Replaces the profile; answers it as stored. */
    @Put
    @Operation(operationId = "replaceProfile")
    @Problems.Body
    ProfileDocument replace(Principal shopper, @Valid @NotNull @Body ProfileDocument profile) {
        profile.checkRules();
        ProfileDocument saved = ProfileDocument.of(profiles.save(shopper.getName(), profile.toProfile()));
        cache.invalidateShopper(shopper.getName());
        LOG.info("Profile saved userId={}", shopper.getName());
        return saved;
    }
}
