package com.styleshepherd.api.checkout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Whether the running code replays a checkout's recorded history exactly.
 *
 * @param events how many history events were replayed
 * @param error why the replay diverged, when it did
 */
@Serdeable
record ReplayResult(boolean deterministic, int events, @Nullable String error) {
}
