package com.styleshepherd.store.shopper;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Erases a shopper's personal data in one transaction (the right to erasure). Deleted: the profile,
 * memories, conversations and the shopper's row itself. Kept for accounting but anonymised: orders
 * (no shopper, no shipping address), checkouts (no shopper, no address in the stored request) and
 * returns (no shopper, no comment), and the domain events in the outbox (no shopper). Payments hold no personal data
 * beyond the provider's ids.
 */
@Singleton
public class ShopperErasure {

    /** What was erased or anonymised, row counts. */
    @Serdeable
    public record Erased(boolean profile, int memories, int conversations, int orders, int checkouts, int returns) {
    }

    /** The shopper has a checkout that has not ended: erase after it has. */
    public static final class CheckoutInProgress extends RuntimeException {
        CheckoutInProgress(String message) {
            super(message, null, false, false);
        }
    }

    private final ErasureRepository repository;

    ShopperErasure(ErasureRepository repository) {
        this.repository = repository;
    }

    /**
     * @throws CheckoutInProgress while one of the shopper's checkouts runs (its workflow still needs the
     *     address and the shopper); nothing is changed then
     */
    @Transactional
    public Erased erase(String userId) {
        // Lock the shopper's row first: a checkout opening now waits, then finds the shopper gone.
        repository.lock(userId);
        int running = repository.runningCheckouts(userId);
        if (running > 0) {
            throw new CheckoutInProgress(running + " checkout(s) in progress: erase once they have ended");
        }
        boolean profile = repository.deleteProfile(userId) > 0;
        int memories = repository.deleteMemories(userId);
        int conversations = repository.deleteConversations(userId);
        int returns = repository.anonymiseReturns(userId);
        int orders = repository.anonymiseOrders(userId);
        int checkouts = repository.anonymiseCheckouts(userId);
        repository.anonymiseEvents(userId);
        repository.deleteById(userId);
        return new Erased(profile, memories, conversations, orders, checkouts, returns);
    }
}
