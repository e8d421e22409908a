package com.styleshepherd.api.me;

import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.store.memory.NewMemory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A memory to store: {@code {"type":"preference","text":"Prefers navy over black","metadata":{"source":"chat"}}}.
 *
 * @param metadata a JSON object of at most 20 keys
 */
@Serdeable
public record MemoryCommand(
        @Schema(example = "preference", allowableValues = {"preference", "fact", "feedback"})
        @NotNull @Pattern(regexp = "^(" + TYPES + ")$", message = "must be one of " + TYPES) String type,
        @Schema(example = "Prefers navy over black") @NotBlank @Size(max = 4000) String text,
        @Schema(example = "{\"source\":\"chat\"}", type = "object",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        @Nullable @Size(max = MAX_METADATA_KEYS) Map<String, Object> metadata) {

    static final String TYPES = "preference|fact|feedback";
    static final int MAX_METADATA_KEYS = 20;

    /** @param field where this command sits in the request, for the error ("metadata", "memories[2].metadata") */
    NewMemory toNew(String field) {
        if (metadata != null && metadata.size() > MAX_METADATA_KEYS) {
            throw FieldProblem.of(field, "at most " + MAX_METADATA_KEYS + " keys");
        }
        return new NewMemory(type, text, metadata);
    }
}
