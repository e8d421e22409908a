package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link OrderBook}: {@code orders} rows, and orders as their shopper reads them. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderRepository extends GenericRepository<OrderRepository.OrderRow, UUID> {

    /** An order as it is inserted; its lines are {@link OrderLineRepository.OrderLineRow}s. */
    @MappedEntity("orders")
    record OrderRow(@Id UUID id, UUID checkoutId, String userId, String status, BigDecimal subtotal, BigDecimal total,
            String currency, @TypeDef(type = DataType.JSON) ShippingAddress shippingAddress) {
    }

    /**
     * An order as read, without its lines: its payment status as its order workflow wrote it, or (before the
     * workflow read the order, and for orders placed before orders had one) its checkout's latest payment's.
     */
    @Introspected
    record OrderView(UUID id, UUID checkoutId, @Nullable String userId, String status, @Nullable String paymentStatus,
            BigDecimal subtotal, BigDecimal total, BigDecimal refundedAmount, String currency, String shippingAddress,
            Instant createdAt) {
    }

    String VIEW = """
            SELECT o.id, o.checkout_id, o.user_id, o.status, o.subtotal, o.total, o.refunded_amount, o.currency,
                   o.shipping_address::text AS shipping_address, o.created_at,
                   COALESCE(o.payment_status, (SELECT p.status FROM payments p WHERE p.checkout_id = o.checkout_id
                    ORDER BY p.updated_at DESC LIMIT 1)) AS payment_status
            FROM orders o
            """;

    OrderRow save(OrderRow order);

    @Query("SELECT id FROM orders WHERE checkout_id = :checkoutId")
    Optional<UUID> findIdByCheckoutId(UUID checkoutId);

    @Query("SELECT count(*) FROM orders WHERE checkout_id = :checkoutId")
    int countByCheckoutId(UUID checkoutId);

    @Query(value = VIEW + """
             WHERE o.user_id = :userId AND (CAST(:status AS varchar) IS NULL OR o.status = :status)
            ORDER BY o.created_at DESC, o.id
            """, countQuery = """
            SELECT count(*) FROM orders o
            WHERE o.user_id = :userId AND (CAST(:status AS varchar) IS NULL OR o.status = :status)
            """)
    Page<OrderView> listForUser(String userId, @Nullable String status, Pageable pageable);

    @Query(VIEW + " WHERE o.id = :id AND o.user_id = :userId")
    Optional<OrderView> findForUser(UUID id, String userId);

    @Query(VIEW + " WHERE o.id = :id")
    Optional<OrderView> findView(UUID id);

    /** The checkout's ending, written with its order. */
    @Query("UPDATE checkouts SET status = 'COMPLETED', failure_reason = NULL, updated_at = now() WHERE id = :checkoutId")
    int completeCheckout(UUID checkoutId);
}
