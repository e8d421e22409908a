package com.styleshepherd.store.shopper;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** The SQL behind {@link ShopperErasure}: each statement returns how many rows it changed. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ErasureRepository extends GenericRepository<Shopper, String> {

    /** Locks the shopper's row until the transaction ends; empty when there is no such shopper. */
    @Query("SELECT id FROM users WHERE id = :userId FOR UPDATE")
    Optional<String> lock(String userId);

    @Query("""
            SELECT count(*) FROM checkouts
            WHERE user_id = :userId AND status NOT IN ('COMPLETED', 'CANCELLED', 'FAILED')
            """)
    int runningCheckouts(String userId);

    @Query("DELETE FROM profiles WHERE user_id = :userId")
    int deleteProfile(String userId);

    @Query("DELETE FROM memories WHERE user_id = :userId")
    int deleteMemories(String userId);

    @Query("DELETE FROM conversations WHERE user_id = :userId")
    int deleteConversations(String userId);

    /** The shopper's id in the domain events still in the outbox (those on Kafka are the topic's retention's). */
    @Query("UPDATE outbox_events SET data = jsonb_set(data, '{userId}', 'null'::jsonb) WHERE data->>'userId' = :userId")
    int anonymiseEvents(String userId);

    @Query("UPDATE returns SET user_id = NULL, comment = NULL, updated_at = now() WHERE user_id = :userId")
    int anonymiseReturns(String userId);

    @Query("""
            UPDATE orders SET user_id = NULL, shipping_address = '{}'::jsonb, anonymised_at = now(), updated_at = now()
            WHERE user_id = :userId
            """)
    int anonymiseOrders(String userId);

    @Query("""
            UPDATE checkouts SET user_id = NULL, request = request - 'shippingAddress', updated_at = now()
            WHERE user_id = :userId
            """)
    int anonymiseCheckouts(String userId);

    /** The shopper's own row. */
    int deleteById(String id);
}
