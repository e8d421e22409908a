package com.styleshepherd.store;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Values kept in JSONB columns, written and read with the application's one JSON mapper. A value
 * the store itself wrote that no longer reads is a bug, not bad input: it fails loudly.
 */
@Singleton
public final class JsonColumns {

    private final JsonMapper json;

    JsonColumns(JsonMapper json) {
        this.json = json;
    }

    /** The value as JSON text, for a {@code CAST(? AS jsonb)} parameter. */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(String stored, Class<T> type) {
        return read(stored, Argument.of(type));
    }

    public <T> T read(String stored, Argument<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
