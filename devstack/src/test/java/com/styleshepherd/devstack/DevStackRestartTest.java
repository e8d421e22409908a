package com.styleshepherd.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.testing.TemporalCli;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import com.styleshepherd.workflows.conversation.ConversationWorkflow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack on the real Temporal server (the Temporal CLI's dev server, SQLite file in the dev data
 * directory) with PostgreSQL keeping its data there too: stopped and started again on the same
 * directory, it has lost nothing. Skipped where no Temporal CLI is installed.
 */
class DevStackRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void aRestartKeepsOrdersCheckoutsConversationsProfilesAndWorkflowHistories() throws Exception {
        Map<String, String> env = Map.of(
                TemporalCliServer.CLI_VARIABLE, TemporalCli.require().toString(),
                DevStack.DATA_VARIABLE, data.toString(),
                "DEV_TEMPORAL_PORT", "0",
                "DEV_TEMPORAL_UI_PORT", "0");
        String shopperId = "restart-" + UUID.randomUUID();
        String idempotencyKey = UUID.randomUUID().toString();
        String checkoutWorkflowId = CheckoutWorkflow.workflowId(CheckoutWorkflow.shopperKey(shopperId, idempotencyKey));
        Map<String, Object> profile = Map.of("measurements", Map.of("heightCm", 171.5, "weightKg", 64),
                "usualSizes", Map.of("tops", "M"));

        String checkoutId;
        String orderId;
        String conversationId;
        long productId;
        List<HistoryEvent> history;
        try (Stack first = Stack.start(env)) {
            assertTrue(first.temporalDescription().startsWith("dev server, UI http://localhost:"),
                    first.temporalDescription());
            assertTrue(Files.exists(data.resolve("temporal/temporal.sqlite")), "the engine's SQLite file");
            assertTrue(Files.exists(data.resolve("postgres/PG_VERSION")), "PostgreSQL's data directory");
            assertEquals(320, first.productTotal(), "the demo catalog, seeded");

            String ops = first.token("ops-restart", "ops");
            Reply saved = first.api.put("/api/ops/products/RESTART-TEE", ops, Map.of("name", "Restart Tee",
                    "description", "Bought before the dev stack restarts", "category", "tops", "price", "20.00",
                    "currency", "USD", "sizes", List.of(Map.of("size", "M", "stock", 5))));
            assertEquals(201, saved.status(), saved::toString);
            productId = ((Number) saved.body().get("id")).longValue();

            String shopper = first.token(shopperId, "shopper");
            assertEquals(200, first.api.put("/api/me/profile", shopper, profile).status());

            Reply started = first.api.post("/api/checkouts", shopper, Map.of(
                    "items", List.of(Map.of("productId", productId, "size", "M", "quantity", 2)),
                    "paymentMethod", "pm_card_visa",
                    "shippingAddress", Map.of("name", "Ada Lovelace", "line1", "1 Loom Street", "city", "London",
                            "postalCode", "N1 9GU", "country", "GB")),
                    Map.of("Idempotency-Key", idempotencyKey));
            assertEquals(202, started.status(), started::toString);
            checkoutId = (String) started.body().get("checkoutId");
            Reply completed = first.await("/api/checkouts/" + checkoutId, shopper,
                    reply -> "COMPLETED".equals(reply.body().get("status")));
            orderId = (String) completed.body().get("orderId");
            assertNotNull(orderId, completed::toString);

            Reply conversation = first.api.post("/api/conversations", shopper, null);
            assertEquals(201, conversation.status(), conversation::toString);
            conversationId = (String) conversation.body().get("conversationId");

            // The row says COMPLETED once the order is placed; the run then starts the order's workflow and closes.
            long closeBy = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            history = first.history(checkoutWorkflowId);
            while (history.getLast().getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                    && System.nanoTime() < closeBy) {
                Thread.sleep(100);
                history = first.history(checkoutWorkflowId);
            }
            assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, history.getLast().getEventType());
        }

        try (Stack second = Stack.start(env)) {
            assertEquals(321, second.productTotal(), "the demo catalog is not seeded twice, the new product is kept");
            Reply product = second.api.get("/api/products/" + productId);
            assertEquals(200, product.status(), product::toString);
            assertEquals(List.of(3), ((List<?>) product.body().get("sizes")).stream()
                    .map(size -> ((Number) ((Map<?, ?>) size).get("stock")).intValue()).toList(), "5 less the 2 sold");

            String shopper = second.token(shopperId, "shopper");
            Reply checkout = second.api.get("/api/checkouts/" + checkoutId, shopper);
            assertEquals(200, checkout.status(), checkout::toString);
            assertEquals("COMPLETED", checkout.body().get("status"));
            assertEquals(orderId, checkout.body().get("orderId"));
            Reply order = second.api.get("/api/orders/" + orderId, shopper);
            assertEquals(200, order.status(), order::toString);
            assertEquals("40.00", order.body().get("total"));
            Reply savedProfile = second.api.get("/api/me/profile", shopper);
            assertEquals(171.5, ((Number) ((Map<?, ?>) savedProfile.body().get("measurements")).get("heightCm")).doubleValue());
            assertEquals(Map.of("tops", "M"), savedProfile.body().get("usualSizes"));
            Reply conversation = second.api.get("/api/conversations/" + conversationId, shopper);
            assertEquals(200, conversation.status(), conversation::toString);
            assertEquals("ACTIVE", conversation.body().get("status"), conversation::toString);

            List<HistoryEvent> historyAfter = second.history(checkoutWorkflowId);
            assertEquals(history, historyAfter, "the checkout's workflow history, event for event");
            assertFalse(second.history(ConversationWorkflow.workflowId(UUID.fromString(conversationId))).isEmpty(),
                    "the conversation's workflow");
        }
    }

    /** The dev stack and the application on it, as {@code DevApplication.main} starts them. */
    private record Stack(DevStack devStack, EmbeddedServer server, Api api) implements AutoCloseable {

        static Stack start(Map<String, String> env) {
            DevStack devStack = DevStack.start(env);
            Map<String, Object> properties = new HashMap<>(devStack.properties());
            properties.put("micronaut.server.port", -1);
            // Neither is needed here, and both would keep the two cores busy.
            properties.put("styleshepherd.models.training.train-on-start", false);
            properties.put("styleshepherd.embedding.embed-on-start", false);
            try {
                EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, DevStack.ENVIRONMENT);
                return new Stack(devStack, server, Api.of(server));
            } catch (RuntimeException e) {
                devStack.close();
                throw e;
            }
        }

        String temporalDescription() {
            return (String) devStack.properties().get(DevStack.TEMPORAL_PROPERTY);
        }

        String token(String userId, String role) {
            Reply token = api.post("/api/dev/token", null, Map.of("userId", userId, "roles", List.of(role)));
            assertEquals(200, token.status(), token::toString);
            return (String) token.body().get("accessToken");
        }

        long productTotal() {
            return ((Number) api.get("/api/products?pageSize=1").body().get("total")).longValue();
        }

        List<HistoryEvent> history(String workflowId) {
            return server.getApplicationContext().getBean(WorkflowClient.class).fetchHistory(workflowId).getEvents();
        }

        Reply await(String uri, String token, Predicate<Reply> condition) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Reply reply = api.get(uri, token);
            while (!condition.test(reply) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                reply = api.get(uri, token);
            }
            assertTrue(condition.test(reply), () -> uri + " never got there in " + PATIENCE);
            return reply;
        }

        @Override
        public void close() {
            api.close();
            server.close();
            devStack.close();
        }
    }
}
