package com.styleshepherd.api.sizing;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code POST /api/size-prediction}: which product to size for the caller. */
@Serdeable
public record SizePredictionCommand(@NotNull @Positive Long productId) {
}
