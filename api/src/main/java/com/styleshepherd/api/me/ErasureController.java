package com.styleshepherd.api.me;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.shopper.ShopperErasure;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE /api/me}: erases the caller's personal data (see {@link ShopperErasure}) and everything
 * cached about them (profile, recommendations); answers what was erased. 409 while one of their checkouts is in progress. Workflow
 * histories in Temporal (which hold a checkout's address) are removed by the namespace's retention
 * period after the workflow closes.
 */
@Controller("/api/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class ErasureController {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureController.class);

    private final ShopperErasure erasure;
    private final TaggedCache cache;

    ErasureController(ShopperErasure erasure, TaggedCache cache) {
        this.erasure = erasure;
        this.cache = cache;
    }

    /**
     * Erases the caller's personal data and answers what was erased. Profile, memories and conversations are
     * deleted; orders, checkouts and returns are kept for accounting, anonymised. 409 while a checkout of theirs
     * is in progress.
     */
    @Delete
    @Operation(operationId = "eraseMe")
    @Problems.Conflict
    ShopperErasure.Erased erase(Principal shopper) {
        ShopperErasure.Erased erased;
        try {
            erased = erasure.erase(shopper.getName());
        } catch (ShopperErasure.CheckoutInProgress busy) {
            throw new HttpStatusException(HttpStatus.CONFLICT, busy.getMessage());
        }
        cache.invalidateShopper(shopper.getName());
        LOG.info("Personal data erased userId={} {}", shopper.getName(), erased);
        return erased;
    }
}
