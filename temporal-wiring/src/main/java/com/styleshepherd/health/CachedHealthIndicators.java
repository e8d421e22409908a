package com.styleshepherd.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The health indicators that wait on a dependency (PostgreSQL, Valkey, Temporal) answer from a cache that a
 * background check refreshes every {@code refresh} (1 s), each check bounded by
 * {@code timeout} (800 ms): a probe of {@code /health} or {@code /health/readiness} is answered at once, 503
 * within about two seconds of a dependency going down, however long the dependency takes to refuse.
 *
 * <p>The checks start with the first probe (a process nobody probes checks nothing); until the first check
 * of an indicator has answered, its probe waits for it, at most {@code timeout}. A check that outlives its
 * bound goes on in the indicator's own thread until the dependency's own timeout (PostgreSQL's pool 1 s,
 * Valkey 500 ms, Temporal 1 s) ends it.
 */
@Singleton
@Requires(property = "styleshepherd.health.cache.enabled", notEquals = "false")
final class CachedHealthIndicators implements BeanCreatedEventListener<HealthIndicator> {

    private final Duration timeout;
    private final Duration refresh;
    private final ScheduledExecutorService checks = Executors.newScheduledThreadPool(1,
            Thread.ofPlatform().daemon().name("health-checks-", 0).factory());

    CachedHealthIndicators(@Value("${styleshepherd.health.cache.timeout:800ms}") Duration timeout,
            @Value("${styleshepherd.health.cache.refresh:1s}") Duration refresh) {
        this.timeout = timeout;
        this.refresh = refresh;
    }

    /**
     * The indicators that call a dependency over the network. Only these are wrapped: another indicator may
     * be injected by its own class elsewhere (Micronaut's service-ready indicator is), which a wrapper breaks.
     */
    private static final Set<String> DEPENDENCY_CHECKS = Set.of(
            "io.micronaut.management.health.indicator.jdbc.JdbcIndicator",
            "io.micronaut.configuration.lettuce.health.RedisHealthIndicator",
            TemporalHealthIndicator.class.getName());

    @Override
    public HealthIndicator onCreated(BeanCreatedEvent<HealthIndicator> event) {
        HealthIndicator indicator = event.getBean();
        return DEPENDENCY_CHECKS.contains(indicator.getClass().getName()) ? cached(indicator) : indicator;
    }

    /** {@code indicator}, answering from the cache. */
    HealthIndicator cached(HealthIndicator indicator) {
        return new Cached(indicator);
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    /** One indicator's latest answer, and the check that renews it. */
    private final class Cached implements HealthIndicator {

        private final HealthIndicator delegate;
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile HealthResult latest;

        Cached(HealthIndicator delegate) {
            this.delegate = delegate;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            if (started.compareAndSet(false, true)) {
                checks.scheduleWithFixedDelay(this::check, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
            }
            HealthResult known = latest;
            if (known != null) {
                return Mono.just(known);
            }
            // The first check has not answered yet: wait for it, within the same bound as every check.
            return Mono.fromCallable(() -> {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (latest == null && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                return latest != null ? latest : timedOut();
            });
        }

        private void check() {
            Mono.from(delegate.getResult())
                    .timeout(timeout)
                    .subscribe(result -> latest = result, failure -> latest = failure instanceof TimeoutException
                            ? timedOut()
                            : HealthResult.builder(name(), HealthStatus.DOWN)
                                    .details(Map.of("error", failure.getClass().getSimpleName())).build());
        }

        private HealthResult timedOut() {
            return HealthResult.builder(name(), HealthStatus.DOWN)
                    .details(Map.of("error", "no answer within " + timeout.toMillis() + " ms")).build();
        }

        private String name() {
            HealthResult known = latest;
            return known != null ? known.getName() : delegate.getClass().getSimpleName();
        }

        @Override
        public int getOrder() {
            return delegate.getOrder();
        }
    }
}
