package com.styleshepherd.store.memory;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** A memory's text and its embedding ({@code null} for one still to embed). */
@Introspected
public record MemoryVector(UUID id, String text, @Nullable float[] vector) {
}
