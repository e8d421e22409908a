package com.styleshepherd.store.models;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The shop's own training rows, read from orders, returns, profiles and the predictions made at checkout.
 * Only delivered (or completed) orders count: what is still on its way has no outcome yet.
 */
@Singleton
public class TrainingData {

    private final TrainingDataRepository repository;

    TrainingData(TrainingDataRepository repository) {
        this.repository = repository;
    }

    /**
     * A shopper's body and a size they kept (or returned for a reason other than fit).
     *
     * @param heightCm NaN when the shopper gave no height
     */
    @Introspected
    public record SizeRow(double weightKg, double heightCm, String size) {
    }

    /** A purchase with its fit outcome: returned too small, too large, or kept ("fit"). */
    @Introspected
    public record FitRow(String userId, long productId, String size, String category, String fit) {
    }

    /** A scored cart line: the features stored with its prediction, and whether it came back. */
    @Introspected
    public record ReturnRow(@TypeDef(type = DataType.JSON) Map<String, Double> features, boolean returned) {
    }

    @ReadOnly
    public List<SizeRow> sizeRows() {
        return repository.sizeRows();
    }

    @ReadOnly
    public List<FitRow> fitRows() {
        return repository.fitRows();
    }

    /** Lines scored at checkout whose stored features include every one of {@code required}. */
    @ReadOnly
    public List<ReturnRow> returnRows(List<String> required) {
        return repository.returnRows(required.toArray(String[]::new));
    }
}
