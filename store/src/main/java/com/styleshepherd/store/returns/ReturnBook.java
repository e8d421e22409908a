package com.styleshepherd.store.returns;

import com.styleshepherd.store.events.EventType;
import com.styleshepherd.store.events.Outbox;
import com.styleshepherd.store.events.ReturnOpened;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Shoppers' returns (table {@code returns}): at most one per order line, only for delivered orders. A return
 * of an order with an order workflow is that workflow's to record, receive and refund; {@link #request}
 * records returns of orders placed before orders had one.
 */
@Singleton
public class ReturnBook {

    static final Set<String> RETURNABLE = Set.of("DELIVERED", "COMPLETED");

    private final ReturnRepository repository;
    private final Outbox outbox;

    ReturnBook(ReturnRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /**
     * Records a return of {@code quantity} units (all of the line's when null) of one line of the shopper's
     * delivered order.
     *
     * @throws ReturnRefused when the order or line is not the shopper's, the order is not delivered, the
     *     line was returned already or holds fewer units
     */
    @Transactional
    public ReturnRecord request(String userId, UUID orderId, UUID lineId, @Nullable Integer quantity, String reason,
            @Nullable String comment) {
        // Locks the order, so two requests for the same line are decided one after the other.
        Optional<String> orderStatus = repository.lockOrderStatus(orderId, userId);
        if (orderStatus.isEmpty()) {
            throw new ReturnRefused(ReturnRefused.Why.ORDER_NOT_FOUND, "No order " + orderId);
        }
        Optional<Integer> bought = repository.lineQuantity(lineId, orderId);
        if (bought.isEmpty()) {
            throw new ReturnRefused(ReturnRefused.Why.LINE_NOT_FOUND, "Order " + orderId + " has no line " + lineId);
        }
        if (!RETURNABLE.contains(orderStatus.get())) {
            throw new ReturnRefused(ReturnRefused.Why.NOT_DELIVERED,
                    "The order is " + orderStatus.get() + ": only delivered orders can be returned");
        }
        int units = quantity == null ? bought.get() : quantity;
        if (units > bought.get()) {
            throw new ReturnRefused(ReturnRefused.Why.TOO_MANY_UNITS,
                    "the line holds " + bought.get() + " unit(s), not " + units);
        }
        UUID id = UUID.randomUUID();
        int inserted = repository.insertIfAbsent(id, orderId, lineId, userId, units, reason, comment);
        if (inserted == 0) {
            throw new ReturnRefused(ReturnRefused.Why.ALREADY_RETURNED, "Line " + lineId + " has a return already");
        }
        outbox.append(EventType.RETURN_OPENED, orderId, ReturnOpened.data(id, orderId, lineId, userId, units, reason));
        return repository.find(id).orElseThrow();
    }

    /** Any return, for ops. */
    @ReadOnly
    public Optional<ReturnRecord> find(UUID id) {
        return repository.find(id);
    }

    /** The shopper's returns, newest first. */
    @ReadOnly
    public Page<ReturnRecord> listForUser(String userId, Pageable pageable) {
        return repository.listForUser(userId, pageable);
    }

    /** The return if it is the shopper's; empty for anyone else's. */
    @ReadOnly
    public Optional<ReturnRecord> findForUser(UUID id, String userId) {
        return repository.findForUser(id, userId);
    }
}
