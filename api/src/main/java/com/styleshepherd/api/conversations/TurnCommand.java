package com.styleshepherd.api.conversations;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of a typed turn, {@code POST /api/conversations/{id}/turns}. */
@Serdeable
public record TurnCommand(
        @Schema(example = "Show me navy dresses for a wedding under 150 dollars")
        @NotBlank @Size(max = 1000) String text) {
}
