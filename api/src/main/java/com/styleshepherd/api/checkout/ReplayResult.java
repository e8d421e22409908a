package com.styleshepherd.api.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Whether the running code replays a checkout's recorded history exactly.
 *
 * @param events how many history events were replayed
 * @param error why the replay diverged, when it did
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@Serdeable
record ReplayResult(boolean deterministic, int events, String error) {
}
