package com.styleshepherd.store.checkout;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** The SQL behind {@link ReturnPredictions}: one {@code return_predictions} row per line, and one for the basket. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReturnPredictionRepository extends GenericRepository<ReturnPredictionRepository.Prediction, UUID> {

    /** A stored prediction ({@code lineNo} null: the basket's). */
    @MappedEntity("return_predictions")
    record Prediction(@Id UUID id, UUID checkoutId, @Nullable Short lineNo, BigDecimal probability, String riskLevel) {
    }

    /** The basket's prediction as a checkout shows it; the lists are JSON arrays of strings. */
    @Introspected
    record BasketRisk(BigDecimal probability, String riskLevel, String reasons, String mitigations) {
    }

    /** Once per checkout, line and model version: a repeated step inserts nothing. */
    @Query("""
            INSERT INTO return_predictions (id, checkout_id, line_no, product_id, size, probability, risk_level,
                                            model_id, model_version, features, reasons, mitigations)
            VALUES (:id, :checkoutId, :lineNo, :productId, :size, :probability, :riskLevel, :modelId, :modelVersion,
                    CAST(:features AS jsonb), CAST(:reasons AS jsonb), CAST(:mitigations AS jsonb))
            ON CONFLICT (checkout_id, coalesce(line_no, 0), model_id, model_version) DO NOTHING
            """)
    int insert(UUID id, UUID checkoutId, @Nullable Short lineNo, @Nullable Long productId, @Nullable String size,
            BigDecimal probability, String riskLevel, String modelId, String modelVersion, String features,
            String reasons, String mitigations);

    @Query("""
            SELECT probability, risk_level, reasons::text AS reasons, mitigations::text AS mitigations
            FROM return_predictions WHERE checkout_id = :checkoutId AND line_no IS NULL
            ORDER BY created_at DESC LIMIT 1
            """)
    Optional<BasketRisk> latestBasketRisk(UUID checkoutId);
}
