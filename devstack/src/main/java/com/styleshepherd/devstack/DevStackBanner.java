package com.styleshepherd.devstack;

import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.workflows.TaskQueues;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the one line that says what the dev stack started and where, once HTTP is listening. */
@Singleton
@Requires(env = DevStack.ENVIRONMENT)
final class DevStackBanner {

    private static final Logger LOG = LoggerFactory.getLogger(DevStackBanner.class);

    private final Environment environment;
    private final ProductCatalog catalog;

    DevStackBanner(Environment environment, ProductCatalog catalog) {
        this.environment = environment;
        this.catalog = catalog;
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        List<String> embedded = environment.getProperty(DevStack.EMBEDDED_PROPERTY, List.class).orElse(List.of());
        List<String> queues = new ArrayList<>();
        if (enabled("styleshepherd.worker.enabled")) {
            queues.addAll(TaskQueues.REGULAR_WORKER);
        }
        if (enabled("styleshepherd.gpu-worker.enabled")) {
            queues.addAll(TaskQueues.GPU_WORKER);
        }
        String temporal = environment.getProperty(DevStack.TEMPORAL_PROPERTY, String.class)
                .filter(description -> embedded.contains("temporal"))
                .orElse(kind(embedded, "temporal"));
        String data = environment.getProperty(DevStack.DATA_PROPERTY, String.class)
                .map(directory -> " | data kept in " + directory)
                .orElse(embedded.isEmpty() ? "" : " | embedded data is fresh on each start");
        String kafka = enabled("styleshepherd.kafka.enabled")
                ? property("styleshepherd.kafka.bootstrap-servers") + " (" + kind(embedded, "kafka") + ", topic "
                        + environment.getProperty("styleshepherd.kafka.topic", String.class).orElse("styleshepherd.events")
                        + ")"
                : "off (events wait in the outbox)";
        LOG.info("Style Shepherd dev stack ready: api {} | Temporal {} ({}) | PostgreSQL {} ({}) | Redis {} ({})"
                        + " | object storage {}/{} ({}) | Kafka {}{} | workers on {} | demo catalog {} products"
                        + " | dev tokens: POST /api/dev/token",
                event.getSource().getURL(),
                property("temporal.address"), temporal,
                property("datasources.default.url"), kind(embedded, "postgres"),
                property("redis.uri"), kind(embedded, "redis"),
                objectStorage("endpoint", "http://127.0.0.1:9000"), objectStorage("bucket", "style-shepherd-images"),
                embedded.contains("object-storage") ? "S3Proxy" : "external",
                kafka, data, queues, catalog.count());
    }

    private String objectStorage(String setting, String defaultValue) {
        return environment.getProperty("styleshepherd.object-storage." + setting, String.class).orElse(defaultValue);
    }

    private boolean enabled(String property) {
        return environment.getProperty(property, Boolean.class).orElse(false);
    }

    private String property(String name) {
        return environment.getProperty(name, String.class).orElse("?");
    }

    private static String kind(List<?> embedded, String server) {
        return embedded.contains(server) ? "embedded" : "external";
    }
}
