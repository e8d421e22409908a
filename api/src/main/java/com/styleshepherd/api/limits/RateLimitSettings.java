package com.styleshepherd.api.limits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * {@code styleshepherd.rate-limit.*}: how many {@code /api/**} requests a client may make per window.
 *
 * @param perUser per authenticated caller (the token's subject)
 * @param perIp per client address (behind a proxy, set {@code micronaut.server.client-address-header})
 * @param whenUnavailable while Valkey cannot count: {@code open} lets requests through (the default: a cache
 *     outage should not take the shop down), {@code closed} answers 503 with {@code Retry-After}
 */
@ConfigurationProperties("styleshepherd.rate-limit")
public record RateLimitSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1m") Duration window,
        @Bindable(defaultValue = "600") @Min(1) int perUser,
        @Bindable(defaultValue = "1200") @Min(1) int perIp,
        @Bindable(defaultValue = "open") @Pattern(regexp = "open|closed") String whenUnavailable) {

    boolean failOpen() {
        return "open".equals(whenUnavailable);
    }
}
