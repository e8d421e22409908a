package com.styleshepherd.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A probe is answered from the latest check: a dependency that hangs is DOWN within the bound, not a hang. */
class CachedHealthIndicatorsTest {

    private final CachedHealthIndicators cache =
            new CachedHealthIndicators(Duration.ofMillis(200), Duration.ofMillis(100));

    @AfterEach
    void stop() {
        cache.stop();
    }

    @Test
    void aDependencyThatNeverAnswersIsDownWithinTheBound() {
        HealthIndicator hanging = wrap(() -> Mono.<HealthResult>never());

        long began = System.nanoTime();
        HealthResult result = Mono.from(hanging.getResult()).block();

        assertEquals(HealthStatus.DOWN, result.getStatus());
        assertTrue(Duration.ofNanos(System.nanoTime() - began).compareTo(Duration.ofSeconds(2)) < 0,
                "the first probe waits for the first check, within its bound");
    }

    @Test
    void probesAnswerTheLatestCheckAndSeeADependencyGoDown() throws InterruptedException {
        AtomicReference<HealthStatus> dependency = new AtomicReference<>(HealthStatus.UP);
        HealthIndicator database = wrap(() -> Mono.just(HealthResult.builder("jdbc", dependency.get()).build()));
        assertEquals(HealthStatus.UP, Mono.from(database.getResult()).block().getStatus());

        dependency.set(HealthStatus.DOWN);
        HealthStatus seen = HealthStatus.UP;
        for (int i = 0; i < 50 && seen.equals(HealthStatus.UP); i++) {
            Thread.sleep(20);
            seen = Mono.from(database.getResult()).block().getStatus();
        }

        assertEquals(HealthStatus.DOWN, seen, "a later check saw it go down");
        assertEquals("jdbc", Mono.from(database.getResult()).block().getName());
    }

    @Test
    void onlyTheIndicatorsThatCallADependencyAreWrapped() {
        HealthIndicator local = () -> Mono.just(HealthResult.builder("disk", HealthStatus.UP).build());
        @SuppressWarnings("unchecked")
        BeanCreatedEvent<HealthIndicator> event = mock(BeanCreatedEvent.class);
        when(event.getBean()).thenReturn(local);

        assertSame(local, cache.onCreated(event), "injected by its own class elsewhere: left as it is");
    }

    private HealthIndicator wrap(java.util.function.Supplier<Mono<HealthResult>> check) {
        return cache.cached(() -> Mono.defer(check));
    }
}
