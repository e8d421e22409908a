package com.styleshepherd.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.temporal.WorkerProcess;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worker process as Kubernetes sees it: started the way {@link WorkerApplication} starts it, with
 * its management server answering the liveness and readiness probes and Prometheus, and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerProcessTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ApplicationContext context;
    private URI base;

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("micronaut.server.port", -1);
        properties.put("temporal.metrics-report-interval", "100ms");
        context = WorkerProcess.start(WorkerApplication.class, properties, new String[0], "worker", "test");
        base = context.getBean(EmbeddedServer.class).getURI();
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    @Order(1)
    void isLiveWhileItsWorkerPolls() throws Exception {
        Map<String, Object> liveness = json(get("/health/liveness"), 200);

        assertEquals("UP", liveness.get("status"));
        Map<?, ?> worker = (Map<?, ?>) ((Map<?, ?>) details(liveness).get("workers")).get("details");
        assertEquals(Map.of("taskQueues", List.of("catalog", "checkout", "conversation"), "polling", true),
                worker.get("worker"), worker::toString);
        assertTrue(!details(liveness).containsKey("jdbc"), "a database outage must not restart the worker");
    }

    @Test
    @Order(1)
    void isReadyWhenPostgresRedisAndTemporalAnswer() throws Exception {
        Map<String, Object> readiness = json(get("/health/readiness"), 200);

        assertEquals("UP", readiness.get("status"));
        for (String indicator : List.of("jdbc", "redis", "temporal")) {
            assertEquals("UP", ((Map<?, ?>) details(readiness).get(indicator)).get("status"), indicator);
        }
    }

    @Test
    @Order(1)
    void exportsTemporalWorkerMetricsForPrometheus() throws Exception {
        String metrics = get("/prometheus").body();
        for (int attempt = 0; attempt < 50 && !metrics.contains("temporal_worker_start_total"); attempt++) {
            Thread.sleep(100);
            metrics = get("/prometheus").body();
        }
        assertTrue(metrics.contains("temporal_worker_start_total"), "Temporal worker metrics");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
    }

    @Test
    @Order(1)
    void servesNoApplicationEndpoints() throws Exception {
        assertEquals(404, get("/api/products").statusCode());
    }

    @Test
    @Order(2)
    void isNotLiveOnceItsWorkerHasStopped() throws Exception {
        context.getBean(RegularWorker.class).stop();

        Map<String, Object> liveness = json(get("/health/liveness"), 503);

        assertEquals("DOWN", liveness.get("status"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(HttpResponse<String> response, int expectedStatus) throws IOException {
        assertEquals(expectedStatus, response.statusCode(), response::body);
        return context.getBean(ObjectMapper.class).readValue(response.body(), Map.class);
    }

    private static Map<?, ?> details(Map<String, Object> health) {
        return (Map<?, ?>) health.get("details");
    }
}
