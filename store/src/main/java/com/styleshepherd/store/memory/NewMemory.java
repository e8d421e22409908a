package com.styleshepherd.store.memory;

import java.util.Map;

/** A memory to store: type preference, fact or feedback; text of 1 to 4000 characters. */
public record NewMemory(String type, String text, Map<String, Object> metadata) {

    public NewMemory {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
