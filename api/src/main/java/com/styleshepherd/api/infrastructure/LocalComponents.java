package com.styleshepherd.api.infrastructure;

import com.styleshepherd.api.infrastructure.InfrastructureInventory.LocalComponent;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The servers this process itself uses (PostgreSQL, Valkey, Temporal): where it reaches them, without
 * credentials, and their health as the process's own health checks last saw it (the {@code jdbc},
 * {@code redis} and {@code temporal} indicators of {@code /api/ops/health}).
 */
@Singleton
final class LocalComponents {

    private static final Duration HEALTH_WAIT = Duration.ofSeconds(2);

    private final List<HealthIndicator> indicators;
    private final String databaseUrl;
    private final String redisUri;
    private final String temporalAddress;
    private final String temporalNamespace;

    LocalComponents(List<HealthIndicator> indicators,
            @Value("${datasources.default.url:}") String databaseUrl,
            @Value("${redis.uri:}") String redisUri,
            @Value("${temporal.address:localhost:7233}") String temporalAddress,
            @Value("${temporal.namespace:default}") String temporalNamespace) {
        this.indicators = indicators;
        this.databaseUrl = databaseUrl;
        this.redisUri = redisUri;
        this.temporalAddress = temporalAddress;
        this.temporalNamespace = temporalNamespace;
    }

    List<LocalComponent> list() {
        Map<String, String> health = health();
        return List.of(
                new LocalComponent("postgresql", "database", endpoint(databaseUrl.replaceFirst("^jdbc:", "")),
                        health.getOrDefault("jdbc", "UNKNOWN")),
                new LocalComponent("valkey", "sessions and caches", endpoint(redisUri),
                        health.getOrDefault("redis", "UNKNOWN")),
                new LocalComponent("temporal", "workflow engine", temporalAddress + " (namespace " + temporalNamespace
                        + ")", health.getOrDefault("temporal", "UNKNOWN")));
    }

    /** Each indicator's status by name; one that does not answer in time is left out (UNKNOWN). */
    private Map<String, String> health() {
        Map<String, String> statuses = new HashMap<>();
        for (HealthIndicator indicator : indicators) {
            try {
                HealthResult result = Mono.from(indicator.getResult()).block(HEALTH_WAIT);
                if (result != null && result.getName() != null) {
                    statuses.put(result.getName(), result.getStatus().getName());
                }
            } catch (RuntimeException noAnswer) {
                // A check that fails or times out says nothing about the others: that component stays UNKNOWN.
            }
        }
        return statuses;
    }

    /** {@code scheme://host:port/path} of a URI, without user, password or query (which may carry a password). */
    static String endpoint(String uri) {
        if (uri == null || uri.isBlank()) {
            return "not configured";
        }
        try {
            URI parsed = URI.create(uri.strip());
            if (parsed.getHost() == null) {
                return "(unreadable address)";
            }
            return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() > 0 ? ":" + parsed.getPort() : "")
                    + (parsed.getPath() == null ? "" : parsed.getPath());
        } catch (IllegalArgumentException unreadable) {
            return "(unreadable address)";
        }
    }
}
