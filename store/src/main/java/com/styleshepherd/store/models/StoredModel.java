package com.styleshepherd.store.models;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * One trained model version as ops see it: a row of {@code model_versions} without its weights.
 *
 * @param score the held-out {@code metric} the promotion decision compared
 * @param metrics every held-out measure, by name
 * @param replacedVersion the version its latest promotion replaced: where a rollback from it goes
 */
@Serdeable
@MappedEntity("model_versions")
public record StoredModel(String kind, int version, String trainingRun, Instant trainedAt, int trainingRows,
        int testRows, String dataSource, String metric, double score,
        @TypeDef(type = DataType.JSON) Map<String, Double> metrics, String decision,
        String weightsSha256, @Nullable Instant promotedAt, @Nullable Instant retiredAt,
        @Nullable Integer replacedVersion) {

    public StoredModel {
        metrics = Map.copyOf(metrics);
    }

    public boolean promoted() {
        return promotedAt != null && retiredAt == null;
    }
}
