package com.styleshepherd.store.returns;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link ReturnBook}. A return is read with its order line's product, size and name. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReturnRepository extends GenericRepository<ReturnRecord, UUID> {

    /** Returns {@code r} with their order line. */
    String RETURNS = """
            SELECT r.id, r.order_id, r.order_line_id AS line_id, l.product_id, l.sku, l.product_name, l.size,
                   r.quantity, r.reason, r.comment, r.status, r.condition, r.refund_amount, r.created_at
            FROM returns r JOIN order_lines l ON l.id = r.order_line_id
            """;

    @Query(RETURNS + "WHERE r.id = :id")
    Optional<ReturnRecord> find(UUID id);

    @Query(RETURNS + "WHERE r.id = :id AND r.user_id = :userId")
    Optional<ReturnRecord> findForUser(UUID id, String userId);

    @Query(value = RETURNS + "WHERE r.user_id = :userId ORDER BY r.created_at DESC, r.id",
            countQuery = "SELECT count(*) FROM returns WHERE user_id = :userId")
    Page<ReturnRecord> listForUser(String userId, Pageable pageable);
}
