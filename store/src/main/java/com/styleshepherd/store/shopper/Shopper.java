package com.styleshepherd.store.shopper;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code users}: the id is the access token's subject. */
@MappedEntity("users")
record Shopper(
        @Id String id,
        @Nullable String email,
        @Nullable String displayName,
        Instant createdAt,
        @Nullable Instant erasedAt) {
}
