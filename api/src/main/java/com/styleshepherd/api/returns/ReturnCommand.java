package com.styleshepherd.api.returns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Body of {@code POST /api/returns}: one line of one of the caller's delivered orders.
 *
 * @param quantity how many of the line's units go back; all of them when left out
 */
@Serdeable
public record ReturnCommand(
        @NotNull UUID orderId,
        @NotNull UUID lineId,
        @Schema(example = "TOO_SMALL", allowableValues = {"TOO_SMALL", "TOO_LARGE", "STYLE", "QUALITY", "OTHER"})
        @NotNull @Pattern(regexp = "^(" + REASONS + ")$", message = "must be one of " + REASONS) String reason,
        @Schema(example = "Tight on the shoulders") @Nullable @Size(max = 2000) String comment,
        @Nullable @Min(1) @Max(20) Integer quantity) {

    static final String REASONS = "TOO_SMALL|TOO_LARGE|STYLE|QUALITY|OTHER";
}
