package com.styleshepherd.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.temporal.WorkerProcess;
import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.order.ShipmentStart;
import com.styleshepherd.workflows.order.ShipmentWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    void countsAStuckShipmentAtPrometheus() throws Exception {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = UUID.randomUUID();
        WorkflowClient client = context.getBean(WorkflowClient.class);
        ShipmentWorkflow shipment = client.newWorkflowStub(ShipmentWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ShipmentWorkflow.workflowId(orderId, shipmentId)).setTaskQueue(TaskQueues.CHECKOUT)
                .build());
        WorkflowClient.start(shipment::ship, new ShipmentStart(orderId, shipmentId, List.of(), Duration.ofSeconds(1), null));
        try {
            // Nothing reports a step: after a second at REQUESTED the shipment counts itself stuck, once.
            for (int attempt = 0; attempt < 100 && !shipment.state().stuck(); attempt++) {
                Thread.sleep(100);
            }
            assertTrue(shipment.state().stuck(), "the shipment's own view");
            double counted = stuckShipments();
            for (int attempt = 0; attempt < 50 && counted < 1; attempt++) {
                Thread.sleep(100);
                counted = stuckShipments();
            }
            assertEquals(1.0, counted, "styleshepherd_shipment_stuck_total, summed over its tags");
        } finally {
            WorkflowStub.fromTyped(shipment).terminate("test over");
        }
    }

    /** The stuck-shipment counter at {@code /prometheus}, summed over its series (0 when it has none yet). */
    private double stuckShipments() throws Exception {
        return get("/prometheus").body().lines()
                .filter(line -> line.startsWith("styleshepherd_shipment_stuck_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
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
