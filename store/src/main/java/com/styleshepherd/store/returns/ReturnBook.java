package com.styleshepherd.store.returns;

import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Shoppers' returns (table {@code returns}), as read by the shopper and ops: at most one per order line. Each is
 * its order workflow's to record, receive and refund ({@code OrderLifecycle}); orders placed before orders had a
 * workflow take returns once adopted.
 */
@Singleton
public class ReturnBook {

    private final ReturnRepository repository;

    ReturnBook(ReturnRepository repository) {
        this.repository = repository;
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
