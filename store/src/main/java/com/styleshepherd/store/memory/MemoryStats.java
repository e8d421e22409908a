package com.styleshepherd.store.memory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** How many memories a shopper has, by type, and the oldest and newest one's time. */
@Serdeable
public record MemoryStats(long total, Map<String, Long> byType, @Nullable Instant oldest, @Nullable Instant newest) {
}
