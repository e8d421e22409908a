package com.styleshepherd.api.models;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/ops/models/training}: which models to retrain (all when absent or empty). */
@Serdeable
public record TrainingCommand(
        @ArraySchema(schema = @Schema(allowableValues = {"size", "fit", "return-risk"})) @Nullable @Size(max = 3)
        List<@Pattern(regexp = "^(size|fit|return-risk)$", message = "must be size, fit or return-risk") String> kinds) {
}
