package com.styleshepherd.store.events;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** The SQL behind {@link StockAlerts}: {@code consumed_events} and {@code stock_alerts}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface StockAlertRepository extends GenericRepository<StockAlerts.Alert, Long> {

    /** 1 the first time the consumer sees the event, 0 for a redelivery. */
    @Query("INSERT INTO consumed_events (consumer, event_id) VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING")
    int recordConsumed(String consumer, UUID eventId);

    @Query("""
            INSERT INTO stock_alerts (product_size_id, product_id, sku, size, sold_out_at, event_id)
            VALUES (:productSizeId, :productId, :sku, :size, CAST(:soldOutAt AS timestamptz), :eventId)
            ON CONFLICT (product_size_id) DO UPDATE SET sold_out_at = EXCLUDED.sold_out_at, event_id = EXCLUDED.event_id
            """)
    void upsert(long productSizeId, long productId, String sku, String size, String soldOutAt, UUID eventId);

    @Query("DELETE FROM stock_alerts WHERE product_size_id = :productSizeId")
    int delete(long productSizeId);

    @Query("SELECT product_size_id, product_id, sku, size, sold_out_at FROM stock_alerts ORDER BY sold_out_at, product_size_id")
    List<StockAlerts.Alert> findAll();

    @Query("""
            SELECT product_size_id, product_id, sku, size, sold_out_at FROM stock_alerts
            ORDER BY sold_out_at DESC, product_size_id LIMIT :limit OFFSET :offset
            """)
    List<StockAlerts.Alert> findPage(int offset, int limit);

    @Query("SELECT count(*) FROM stock_alerts")
    long countAll();

    @Query("SELECT count(*) FROM consumed_events WHERE consumer = :consumer AND event_id = :eventId")
    int countConsumed(String consumer, UUID eventId);
}
