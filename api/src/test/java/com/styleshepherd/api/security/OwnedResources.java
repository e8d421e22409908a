package com.styleshepherd.api.security;

import static com.styleshepherd.api.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One shopper's resources of every kind an endpoint takes an id of: a completed checkout and its order,
 * a return of its line, a conversation with a spoken turn, a memory. Made through the api of the usual
 * test stack (dev and test environments: in-process workers, payment simulator), which shares PostgreSQL,
 * Redis and Temporal with the production-started api that the security tests then attack.
 *
 * @param ids each path parameter name of the OpenAPI document and this shopper's value for it
 */
record OwnedResources(String userId, Map<String, String> ids) {

    static OwnedResources create(String userId) {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.<String, Object>copyOf(TestInfrastructure.properties()), "dev", "test");
             Api api = Api.of(server)) {
            Tokens tokens = new Tokens(server.getApplicationContext().getBean(DevTokens.class));
            String shopper = tokens.shopper(userId);
            String ops = tokens.ops("security-ops");

            String sku = "SEC-" + UUID.randomUUID().toString().substring(0, 8);
            Reply product = api.put("/api/ops/products/" + sku, ops, Map.of("name", "Security Test Coat",
                    "description", "A coat to own", "category", "outerwear", "price", "99.00", "currency", "USD",
                    "sizes", List.of(Map.of("size", "M", "stock", 5))));
            assertEquals(201, product.status(), product::toString);
            Number productId = (Number) product.body().get("id");

            Reply checkout = api.post("/api/checkouts", shopper, Map.of(
                    "items", List.of(Map.of("productId", productId, "size", "M", "quantity", 1)),
                    "paymentMethod", "pm_card_visa",
                    "shippingAddress", Map.of("name", "Ada Owner", "line1", "1 Own Street", "city", "London",
                            "postalCode", "N1 9GU", "country", "GB")), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertEquals(202, checkout.status(), checkout::toString);
            String checkoutId = (String) checkout.body().get("checkoutId");
            Reply completed = await(() -> api.get("/api/checkouts/" + checkoutId, shopper),
                    reply -> "COMPLETED".equals(reply.body().get("status")));
            String orderId = (String) completed.body().get("orderId");

            Reply shipment = api.post("/api/ops/orders/" + orderId + "/shipments", ops, Map.of());
            assertEquals(201, shipment.status(), shipment::toString);
            for (String step : List.of("LABEL_CREATED", "SHIPPED", "DELIVERED")) {
                Reply moved = api.post("/api/ops/orders/" + orderId + "/shipments/" + shipment.body().get("shipmentId")
                        + "/events", ops, Map.of("step", step));
                assertEquals(200, moved.status(), moved::toString);
            }
            await(() -> api.get("/api/orders/" + orderId, shopper), reply -> "DELIVERED".equals(reply.body().get("status")));
            Map<String, Object> order = api.get("/api/orders/" + orderId, shopper).body();
            String lineId = (String) ((Map<?, ?>) ((List<?>) order.get("lines")).get(0)).get("lineId");
            Reply returned = api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", lineId,
                    "reason", "TOO_SMALL"));
            assertEquals(201, returned.status(), returned::toString);

            Reply conversation = api.post("/api/conversations", shopper, Map.of());
            assertEquals(201, conversation.status(), conversation::toString);
            String conversationId = (String) conversation.body().get("conversationId");
            Reply turn = api.post("/api/conversations/" + conversationId + "/turns?speak=true&audioAs=url", shopper,
                    Map.of("text", "show me coats"));
            assertEquals(200, turn.status(), turn::toString);

            Reply memory = api.post("/api/me/memories", shopper, Map.of("type", "preference",
                    "text", "Prefers olive coats"));
            assertEquals(201, memory.status(), memory::toString);

            return new OwnedResources(userId, Map.of(
                    "checkoutId", checkoutId,
                    "orderId", orderId,
                    "returnId", (String) returned.body().get("returnId"),
                    "conversationId", conversationId,
                    "turnId", (String) turn.body().get("turnId"),
                    "memoryId", (String) memory.body().get("memoryId")));
        }
    }
}
