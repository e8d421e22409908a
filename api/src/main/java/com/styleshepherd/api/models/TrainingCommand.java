package com.styleshepherd.api.models;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** {@code POST /api/ops/models/training}: which models to retrain (all when absent or empty). */
@Serdeable
public record TrainingCommand(
        @Nullable List<@Pattern(regexp = "size|fit|return-risk", message = "must be size, fit or return-risk") String> kinds) {
}
