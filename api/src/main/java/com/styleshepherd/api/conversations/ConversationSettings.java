package com.styleshepherd.api.conversations;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Rules of new conversations ({@code styleshepherd.conversation.*}); each conversation keeps the rules
 * it started with.
 *
 * @param idleTimeout a conversation with no turn for this long ends
 * @param turnsPerRun turns per workflow run before it continues as new
 * @param resultsPerSearch products a search or recommendation shows
 * @param maxAudioSize the largest spoken turn accepted
 * @param maxAudioDuration the longest spoken turn accepted
 * @param speechEnabled whether the gpu workers serve the speech activities (spoken turns, {@code speak=true});
 *     a deployment without them turns it off, and audio is then refused with 501 instead of waiting for a timeout
 * @param turnTimeout how long a turn request waits for its answer; then it gets 503 while the turn goes on,
 *     and a retry with the same {@code Idempotency-Key} joins it (or finds it answered)
 */
@ConfigurationProperties("styleshepherd.conversation")
public record ConversationSettings(
        @Bindable(defaultValue = "30m") Duration idleTimeout,
        @Bindable(defaultValue = "50") @Min(2) @Max(1000) int turnsPerRun,
        @Bindable(defaultValue = "5") @Min(1) @Max(20) int resultsPerSearch,
        @Bindable(defaultValue = "2MB") @ReadableBytes long maxAudioSize,
        @Bindable(defaultValue = "30s") Duration maxAudioDuration,
        @Bindable(defaultValue = "true") boolean speechEnabled,
        @Bindable(defaultValue = "60s") Duration turnTimeout) {
}
