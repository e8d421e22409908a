package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.events.EventType;
import com.styleshepherd.store.events.Outbox;
import com.styleshepherd.store.shopper.Shoppers;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.FailureReason;
import com.styleshepherd.workflows.checkout.PricedCart;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code checkouts} table: opened by {@link CheckoutOpener} (one row per idempotency key, priced), its
 * status written only by the workflow through the checkout activities, read for listing. The workflow is the source of truth while it
 * runs; this is the source of truth for lists and after the workflow's history is gone.
 */
@Singleton
public class CheckoutStore {

    private final CheckoutRepository repository;
    private final JsonColumns json;
    private final Shoppers shoppers;
    private final Outbox outbox;

    CheckoutStore(CheckoutRepository repository, JsonColumns json, Shoppers shoppers, Outbox outbox) {
        this.repository = repository;
        this.json = json;
        this.shoppers = shoppers;
        this.outbox = outbox;
    }

    /**
     * Opens the checkout, or finds the one already opened with the same idempotency key (whatever its
     * request: the caller compares {@link CheckoutRecord#requestHash()}).
     */
    @Transactional
    public Opening open(NewCheckout checkout) {
        shoppers.ensure(checkout.userId());
        int inserted = repository.insertIfAbsent(checkout.id(), checkout.userId(), checkout.idempotencyKey(),
                checkout.requestHash(), checkout.workflowId(), json.write(checkout.request()), checkout.cart().subtotal(),
                checkout.cart().total(), checkout.cart().currency());
        return new Opening(repository.findByIdempotencyKey(checkout.idempotencyKey()).orElseThrow(), inserted == 1);
    }

    @ReadOnly
    public Optional<CheckoutRecord> find(UUID checkoutId) {
        return repository.findById(checkoutId);
    }

    @ReadOnly
    public Optional<CheckoutRecord> findByIdempotencyKey(String idempotencyKey) {
        return repository.findByIdempotencyKey(idempotencyKey);
    }

    /** Checkouts newest first, optionally of one status (for ops). */
    @ReadOnly
    public Page<CheckoutRecord> list(@Nullable CheckoutStatus status, Pageable pageable) {
        return repository.list(status == null ? null : status.name(), pageable);
    }

    /**
     * Moves a running checkout to {@code status}. A checkout that has ended keeps its ending: a late
     * retry of an earlier step cannot reopen it.
     */
    @Transactional
    public void advance(UUID checkoutId, CheckoutStatus status) {
        repository.advance(checkoutId, status.name());
    }

    /** Records what the cart costs, as priced from the catalog. */
    @Transactional
    public void priced(UUID checkoutId, PricedCart cart) {
        repository.priced(checkoutId, cart.subtotal(), cart.total(), cart.currency());
    }

    /**
     * Records how a checkout that did not complete ended, with its {@code CheckoutCancelled} or
     * {@code CheckoutFailed} event. A completed checkout stays completed; recording the same ending again
     * changes nothing and writes no second event.
     */
    @Transactional
    public void end(UUID checkoutId, CheckoutStatus status, FailureReason reason) {
        String reasonName = reason == null ? null : reason.name();
        if (repository.end(checkoutId, status.name(), reasonName) == 0) {
            return;
        }
        EventType type = switch (status) {
            case CANCELLED -> EventType.CHECKOUT_CANCELLED;
            case FAILED -> EventType.CHECKOUT_FAILED;
            default -> null;
        };
        if (type != null) {
            Map<String, Object> data = new HashMap<>();
            data.put("checkoutId", checkoutId.toString());
            data.put("userId", repository.findById(checkoutId).map(CheckoutRecord::userId).orElse(null));
            data.put("reason", reasonName);
            outbox.append(type, checkoutId, data);
        }
    }

    /**
     * Records that the run chain {@code firstRunId} is under way: PENDING, no failure reason, one more run when
     * it follows another chain (an ops retry). A completed checkout, or the same chain again, is left alone.
     */
    @Transactional
    public void beginRun(UUID checkoutId, String firstRunId) {
        repository.beginRun(checkoutId, firstRunId);
    }

    /**
     * Checkouts opened more than {@code age} ago on which no run has begun, oldest first: a run records itself
     * first, so their workflow never started.
     */
    @ReadOnly
    public List<CheckoutRecord> pendingLongerThan(Duration age, int limit) {
        return repository.pendingLongerThan(age.toMillis() / 1000.0, limit);
    }

    /** The checkout for an idempotency key, and whether this call created it. */
    public record Opening(CheckoutRecord checkout, boolean created) {
    }
}
