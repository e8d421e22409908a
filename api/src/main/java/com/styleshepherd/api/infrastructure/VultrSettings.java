package com.styleshepherd.api.infrastructure;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;

/**
 * The Vultr management API the ops infrastructure view reads ({@code styleshepherd.vultr.*}). Without an API key
 * (environment {@code VULTR_API_KEY}) nothing is called and the view shows the components this process uses.
 *
 * @param apiKey a Vultr API key; read-only access is enough. Never logged
 * @param baseUrl the v2 API (tests point it at a local fake)
 * @param timeout connect and answer timeout of each call
 * @param cacheTtl how long one inventory answers every request before Vultr is asked again
 * @param retryAfter the wait a 503 tells the caller when Vultr did not say ({@code Retry-After})
 * @param perPage resources per page of a listing (Vultr allows up to 500)
 * @param maxPages the most pages one listing is followed for (a cursor that never ends is cut there)
 * @param requestsPerSecond the client-side rate limit (Vultr allows 30 per second from one address)
 * @param usageThresholdPercent a managed database at or over this share of its disk, memory or CPU is flagged
 */
@ConfigurationProperties("styleshepherd.vultr")
public record VultrSettings(
        @Nullable String apiKey,
        @Bindable(defaultValue = "https://api.vultr.com/v2") URI baseUrl,
        @Bindable(defaultValue = "2s") Duration timeout,
        @Bindable(defaultValue = "60s") Duration cacheTtl,
        @Bindable(defaultValue = "5s") Duration retryAfter,
        @Bindable(defaultValue = "100") @Min(1) @Max(500) int perPage,
        @Bindable(defaultValue = "50") @Min(1) @Max(1000) int maxPages,
        @Bindable(defaultValue = "20") @Min(1) @Max(30) int requestsPerSecond,
        @Bindable(defaultValue = "85") @Min(1) @Max(100) int usageThresholdPercent) {

    /** Whether a key is set: without one the api never calls Vultr. */
    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }
}
