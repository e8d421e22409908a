package com.styleshepherd.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.temporal.WorkerProcess;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gpu-worker process as Kubernetes probes it: its management port, on its own classpath. */
class GpuWorkerProcessTest {

    @Test
    void servesLivenessWithItsGpuQueueAndReadiness() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("micronaut.server.port", -1);
        properties.put("styleshepherd.gpu-worker.enabled", true);
        properties.put("styleshepherd.models.training.schedule", false);
        properties.put("styleshepherd.models.training.train-on-start", false);
        try (ApplicationContext context =
                     WorkerProcess.start(GpuWorkerApplication.class, properties, new String[0], "gpu-worker", "test")) {
            URI base = context.getBean(EmbeddedServer.class).getURI();
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> liveness = http.send(HttpRequest.newBuilder(base.resolve("/health/liveness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(base.resolve("/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, liveness.statusCode(), liveness::body);
            assertTrue(liveness.body().contains("\"gpu-worker\":{\"taskQueues\":[\"gpu\"],\"polling\":true}"),
                    liveness::body);
            assertEquals(200, readiness.statusCode(), readiness::body);
            assertTrue(readiness.body().contains("\"temporal\""), readiness::body);
        }
    }
}
