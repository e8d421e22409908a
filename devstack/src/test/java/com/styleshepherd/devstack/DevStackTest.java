package com.styleshepherd.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Eventually;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.api.events.EventTopic;
import com.styleshepherd.activities.events.KafkaSettings;
import com.styleshepherd.store.events.OutboxQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.nio.charset.StandardCharsets;
import com.styleshepherd.api.security.DevTokens;
import com.styleshepherd.gpu.GpuWorker;
import com.styleshepherd.worker.RegularWorker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole dev environment as the README's run command starts it where no Temporal CLI can be had:
 * the embedded Temporal test server, PostgreSQL and Redis, both workers in-process, the demo catalog
 * seeded, dev tokens on. {@link DevStackRestartTest} runs it on the real Temporal server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevStackTest {

    @TempDir
    static Path data;

    private DevStack devStack;
    private EmbeddedServer server;
    private Api api;

    @BeforeAll
    void start() {
        devStack = DevStack.start(Map.of("DEV_TEMPORAL_PORT", "0", DevStack.DATA_VARIABLE, data.toString()));
        Map<String, Object> properties = new HashMap<>(devStack.properties());
        properties.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, properties, DevStack.ENVIRONMENT);
        api = Api.of(server);
    }

    @AfterAll
    void stop() {
        api.close();
        server.close();
        devStack.close();
    }

    @Test
    void embedsTemporalPostgresAndRedisAndIsHealthy() {
        assertEquals(List.of("temporal", "postgres", "redis", "object-storage", "kafka"), devStack.started());
        assertEquals("embedded test server: no Temporal CLI, see scripts/install-temporal-cli.sh",
                devStack.properties().get(DevStack.TEMPORAL_PROPERTY));
        assertFalse(devStack.properties().containsKey(DevStack.DATA_PROPERTY),
                "the test server forgets its workflows, so PostgreSQL starts empty too");
        Reply health = api.get("/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.body().get("status"));
    }

    @Test
    void runsBothWorkers() {
        assertTrue(server.getApplicationContext().getBean(RegularWorker.class).isPolling());
        assertTrue(server.getApplicationContext().getBean(GpuWorker.class).isPolling());
    }

    @Test
    void listsTheSeededDemoCatalog() {
        Reply page = api.get("/api/products?pageSize=5");
        assertEquals(200, page.status());
        assertEquals(320, ((Number) page.body().get("total")).intValue());
        Reply dresses = api.get("/api/products?category=dresses&size=M&inStock=true");
        assertTrue(((Number) dresses.body().get("total")).intValue() > 0, dresses::toString);
    }

    @Test
    void issuesDevTokensThatTheApiAccepts() {
        Reply token = api.post("/api/dev/token", null, Map.of("userId", "ops1", "roles", List.of("ops")));
        assertEquals(200, token.status(), token::toString);
        String accessToken = (String) token.body().get("accessToken");
        Reply saved = api.put("/api/ops/products/DEV-STACK-1", accessToken, Map.of("name", "Dev Tee",
                "description", "Made in the dev stack", "category", "tops", "price", "12.00", "currency", "USD",
                "sizes", List.of(Map.of("size", "M", "stock", 1))));
        assertEquals(201, saved.status(), saved::toString);

        Reply shopper = api.post("/api/dev/token", null, Map.of("userId", "u1", "roles", List.of("shopper")));
        assertEquals(403, api.put("/api/ops/products/DEV-STACK-2", (String) shopper.body().get("accessToken"),
                Map.of()).status());
    }

    @Test
    void keepsProductPicturesInItsS3ProxyUnderTheDataDirectory() throws IOException {
        Reply token = api.post("/api/dev/token", null, Map.of("userId", "ops-pictures", "roles", List.of("ops")));
        String ops = (String) token.body().get("accessToken");
        Reply saved = api.put("/api/ops/products/DEV-STACK-PICTURE", ops, Map.of("name", "Dev Picture Tee",
                "description", "A tee with a picture", "category", "tops", "price", "12.00", "currency", "USD",
                "sizes", List.of(Map.of("size", "M", "stock", 1))));
        long id = ((Number) saved.body().get("id")).longValue();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xFF3366);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        Reply uploaded = api.uploadPut("/api/ops/products/DEV-STACK-PICTURE/image", ops, "image", "tee.png",
                io.micronaut.http.MediaType.IMAGE_PNG_TYPE, png.toByteArray());
        assertEquals(200, uploaded.status(), uploaded::toString);
        assertArrayEquals(png.toByteArray(), api.getBytes("/api/products/" + id + "/image", null).body());
        Path bucket = data.resolve("object-storage").resolve(DevStack.DEFAULT_BUCKET);
        try (var files = java.nio.file.Files.walk(bucket)) {
            assertEquals(1, files.filter(java.nio.file.Files::isRegularFile).count(), "one object, as a file");
        }
    }

    @Test
    void rejectsBadDevTokenRequests() {
        Reply reply = api.post("/api/dev/token", null, Map.of("userId", "", "roles", List.of("admin")));
        assertEquals(400, reply.status());
        assertTrue(reply.violatedFields().containsAll(List.of("userId", "roles[0]")), reply::toString);
    }

    @Test
    void embedsNothingThatIsConfiguredExternally() {
        try (DevStack external = DevStack.start(Map.of(
                "TEMPORAL_ADDRESS", "temporal.internal:7233",
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db.internal:5432/styleshepherd",
                "REDIS_URI", "redis://valkey.internal:6379",
                "JWT_SECRET", "external-secret-that-is-at-least-256-bits-long-000000",
                "STRIPE_WEBHOOK_SECRET", "whsec_external",
                "CARRIER_WEBHOOK_SECRET", "carrier_external",
                "STYLESHEPHERD_OBJECT_STORAGE_ENDPOINT", "https://ewr1.vultrobjects.com",
                DevStack.KAFKA_VARIABLE, "kafka.internal:9092"))) {
            assertEquals(List.of(), external.started());
            assertEquals(List.of(DevStack.EMBEDDED_PROPERTY, "styleshepherd.kafka.enabled", DevTokens.SECRET_PROPERTY),
                    external.properties().keySet().stream().sorted().toList());
        }
    }

    @Test
    void leavesKafkaOffWhenSwitchedOff() {
        try (DevStack withoutKafka = DevStack.start(Map.of(
                "TEMPORAL_ADDRESS", "temporal.internal:7233",
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db.internal:5432/styleshepherd",
                "REDIS_URI", "redis://valkey.internal:6379",
                "STYLESHEPHERD_OBJECT_STORAGE_ENDPOINT", "https://ewr1.vultrobjects.com",
                DevStack.KAFKA_ENABLED_VARIABLE, "false"))) {
            assertEquals(List.of(), withoutKafka.started());
            assertFalse(withoutKafka.properties().containsKey("styleshepherd.kafka.enabled"));
        }
    }

    @Test
    void anOrderPlacedThroughTheApiIsOnTheKafkaTopicOnce() {
        String ops = (String) api.post("/api/dev/token", null, Map.of("userId", "ops-events", "roles", List.of("ops")))
                .body().get("accessToken");
        String shopper = (String) api.post("/api/dev/token", null,
                Map.of("userId", "shopper-events", "roles", List.of("shopper"))).body().get("accessToken");
        Reply product = api.put("/api/ops/products/DEV-EVENTS-1", ops, Map.of("name", "Event Tee",
                "description", "Bought to see its event", "category", "tops", "price", "15.00", "currency", "USD",
                "sizes", List.of(Map.of("size", "M", "stock", 3))));
        assertEquals(201, product.status(), product::toString);
        Reply started = api.post("/api/checkouts", shopper, CheckoutFixtures.body(
                ((Number) product.body().get("id")).longValue(), "M", 1, "pm_card_visa"),
                CheckoutFixtures.key(CheckoutFixtures.newKey()));
        assertEquals(202, started.status(), started::toString);
        String checkoutId = (String) started.body().get("checkoutId");
        Reply done = Eventually.await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                reply -> "COMPLETED".equals(reply.body().get("status")));
        String orderId = (String) done.body().get("orderId");

        OutboxQueue outbox = server.getApplicationContext().getBean(OutboxQueue.class);
        Eventually.await(outbox::lag, lag -> lag.waiting() == 0);
        KafkaSettings kafka = server.getApplicationContext().getBean(KafkaSettings.class);
        List<ConsumerRecord<String, byte[]>> placed = EventTopic.readAll(kafka.bootstrapServers(), kafka.topic(), true)
                .stream()
                .filter(record -> orderId.equals(record.key())
                        && "OrderPlaced".equals(EventTopic.header(record, "event-type")))
                .toList();
        assertEquals(1, placed.size(), "one OrderPlaced for " + orderId);
        String value = new String(placed.getFirst().value(), StandardCharsets.UTF_8);
        assertTrue(value.contains("\"orderId\":\"" + orderId + "\""), value);
        assertTrue(value.contains("\"schemaVersion\":1"), value);
    }

    @Test
    void refusesToStartWithATemporalCliThatIsNotThere(@TempDir Path elsewhere) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DevStack.start(Map.of(
                TemporalCliServer.CLI_VARIABLE, elsewhere.resolve("no-such-temporal").toString(),
                DevStack.DATA_VARIABLE, elsewhere.toString(),
                "DEV_TEMPORAL_PORT", "0")));
        assertTrue(refused.getMessage().contains("scripts/install-temporal-cli.sh"), refused.getMessage());
    }

    @Test
    void putsTheTemporalUiOn8233UnlessItIsTaken() throws IOException {
        assertEquals(8300, DevStack.temporalUiPort("8300"));
        assertNotEquals(0, DevStack.temporalUiPort("0"));
        assertThrows(IllegalArgumentException.class, () -> DevStack.temporalUiPort("ui"));
        try (ServerSocket taken = FreePort.isFree(DevStack.DEFAULT_TEMPORAL_UI_PORT)
                ? new ServerSocket(DevStack.DEFAULT_TEMPORAL_UI_PORT, 1, InetAddress.getLoopbackAddress())
                : null) {
            assertNotEquals(DevStack.DEFAULT_TEMPORAL_UI_PORT, DevStack.temporalUiPort(null));
        }
    }

    @Test
    void keepsItsDataInStyleshepherdDevData() {
        assertEquals(Path.of("/srv/dev-data"), DevStack.dataDirectory(Map.of(DevStack.DATA_VARIABLE, "/srv/dev-data")));
        assertEquals(Path.of(".dev-data").toAbsolutePath(), DevStack.dataDirectory(Map.of()));
    }

    @Test
    void readsTheTemporalPortFromDevTemporalPort() {
        assertEquals(7233, DevStack.temporalPort(null));
        assertEquals(7400, DevStack.temporalPort("7400"));
        assertNotEquals(0, DevStack.temporalPort("0"));
        assertThrows(IllegalArgumentException.class, () -> DevStack.temporalPort("seven"));
        assertThrows(IllegalArgumentException.class, () -> DevStack.temporalPort("70000"));
    }
}
