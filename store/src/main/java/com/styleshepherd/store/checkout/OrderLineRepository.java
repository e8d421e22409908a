package com.styleshepherd.store.checkout;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** An order's lines as stored: the name, size and price the shopper paid, whatever the catalog says later. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderLineRepository extends GenericRepository<OrderLineRepository.OrderLineRow, UUID> {

    @MappedEntity("order_lines")
    record OrderLineRow(@Id UUID id, UUID orderId, short lineNo, long productId, long productSizeId, String sku,
            String productName, String category, String size, int quantity, BigDecimal unitPrice,
            BigDecimal lineTotal, String currency) {

        OrderLineRecord toRecord() {
            return new OrderLineRecord(id, lineNo, productId, sku, productName, category, size, quantity,
                    unitPrice, lineTotal, currency);
        }
    }

    /** Inserts the lines in one JDBC batch. */
    List<OrderLineRow> saveAll(Iterable<OrderLineRow> lines);

    /** The lines of these orders ({@code orderIds} as text: Micronaut Data binds no {@code uuid[]}). */
    @Query("SELECT * FROM order_lines WHERE order_id = ANY (CAST(:orderIds AS uuid[])) ORDER BY order_id, line_no")
    List<OrderLineRow> findByOrderIds(String[] orderIds);
}
