package com.styleshepherd.api.limits;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * {@code styleshepherd.rate-limit.*}: how many {@code /api/**} requests a client may make per window.
 *
 * @param perUser per authenticated caller (the token's subject)
 * @param perIp per client address (behind a proxy, set {@code micronaut.server.client-address-header})
 */
@ConfigurationProperties("styleshepherd.rate-limit")
public record RateLimitSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1m") Duration window,
        @Bindable(defaultValue = "600") @Min(1) int perUser,
        @Bindable(defaultValue = "1200") @Min(1) int perIp) {
}
