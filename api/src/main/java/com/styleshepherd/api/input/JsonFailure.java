package com.styleshepherd.api.input;

import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import java.util.List;
import java.util.Optional;

/**
 * What a client may be told about JSON that did not decode: where ({@code items[0].quantity}) and what was
 * wrong ("must be a whole number"), never the exception's own text, which names Java types and classes.
 */
public final class JsonFailure {

    /** When the decoding said nothing a client could use (a parse error, a wrong shape). */
    public static final String INVALID = "has an invalid value";

    private JsonFailure() {
    }

    /** The JSON path of the value that failed, when Serde knew it. */
    public static Optional<String> path(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerdeException serde && serde.getPath() != null && !serde.getPath().isEmpty()) {
                return Optional.of(jsonPath(serde.getPath()));
            }
        }
        return Optional.empty();
    }

    /** What the strict decoding said ({@link RefusedJsonValue}), else {@value #INVALID}. */
    public static String message(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedJsonValue refused) {
                return refused.getMessage();
            }
        }
        return INVALID;
    }

    /** Serde lists the path innermost first. */
    private static String jsonPath(List<ReferencePath> path) {
        StringBuilder field = new StringBuilder();
        for (ReferencePath step : path.reversed()) {
            switch (step) {
                case CollectionItemReferencePath item -> field.append('[').append(item.index()).append(']');
                case MapItemReferencePath entry -> field.append('[').append(entry.key()).append(']');
                default -> field.append(field.isEmpty() ? "" : ".").append(step.getArgument().getName());
            }
        }
        return field.toString();
    }
}
