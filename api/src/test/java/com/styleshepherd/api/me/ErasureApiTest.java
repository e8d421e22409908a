package com.styleshepherd.api.me;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code DELETE /api/me}: afterwards no row names the shopper; orders stay, anonymised. */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class ErasureApiTest implements RealInfrastructure {

    /** Every column that holds a shopper id. */
    static final List<String> USER_COLUMNS = List.of("users.id", "profiles.user_id", "memories.user_id",
            "conversations.user_id", "checkouts.user_id", "orders.user_id", "returns.user_id");

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    CheckoutStore checkouts;

    private long rowsNaming(String userId) {
        long rows = 0;
        for (String column : USER_COLUMNS) {
            String[] parts = column.split("\\.");
            rows += fixtures.read(db -> db.prepareStatement(
                    "SELECT count(*) FROM " + parts[0] + " WHERE " + parts[1] + " = ?", statement -> {
                        statement.setString(1, userId);
                        try (ResultSet result = statement.executeQuery()) {
                            result.next();
                            return result.getLong(1);
                        }
                    }));
        }
        return rows;
    }

    private String orderColumn(String orderId, String expression) {
        return fixtures.read(db -> db.prepareStatement("SELECT " + expression + " FROM orders o JOIN checkouts c"
                + " ON c.id = o.checkout_id WHERE o.id = ?", statement -> {
                    statement.setObject(1, UUID.fromString(orderId));
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        return result.getString(1);
                    }
                }));
    }

    @Test
    void erasureDeletesPersonalDataAndAnonymisesOrders() {
        String userId = "erased-" + UUID.randomUUID();
        String shopper = tokens.shopper(userId);
        String ops = tokens.ops("dpo-" + UUID.randomUUID());
        api.put("/api/me/profile", shopper, ProfileApiTest.fullProfile());
        api.post("/api/me/memories/batch", shopper, Map.of("memories", List.of(
                Map.of("type", "fact", "text", "Lives at 1 Loom Street"), Map.of("type", "preference", "text", "Navy"))));
        String checkoutId = (String) api.post("/api/checkouts", shopper, body(fixtures.dress(5), "M", 1, "pm_card_visa"),
                key(newKey())).body().get("checkoutId");
        String orderId = (String) fixtures.awaitStatus(checkoutId, shopper, "COMPLETED").body().get("orderId");
        Map<?, ?> line = (Map<?, ?>) ((List<?>) api.get("/api/orders/" + orderId, shopper).body().get("lines")).get(0);
        fixtures.deliver(orderId, ops, shopper);
        assertEquals(201, api.post("/api/returns", shopper, Map.of("orderId", orderId, "lineId", line.get("lineId"),
                "reason", "STYLE", "comment", "Call me on 07700 900123")).status());

        Reply erased = api.delete("/api/me", shopper);

        assertEquals(200, erased.status(), erased.body().toString());
        assertEquals(Map.of("profile", true, "memories", 2, "conversations", 0, "orders", 1, "checkouts", 1,
                "returns", 1), erased.body());
        assertEquals(0, rowsNaming(userId), "no row names the shopper");
        assertEquals("1", orderColumn(orderId, "count(*)"), "the order stays for accounting");
        assertEquals("{}", orderColumn(orderId, "o.shipping_address::text"));
        assertEquals("anonymised", orderColumn(orderId, "CASE WHEN o.anonymised_at IS NULL THEN 'kept' ELSE 'anonymised' END"));
        assertNull(orderColumn(orderId, "c.request->>'shippingAddress'"));
        assertNull(fixtures.read(db -> db.prepareStatement(
                "SELECT comment FROM returns WHERE order_id = ?", statement -> {
                    statement.setObject(1, UUID.fromString(orderId));
                    try (ResultSet result = statement.executeQuery()) {
                        result.next();
                        return result.getString(1);
                    }
                })));
        assertEquals(List.of(), api.get("/api/orders", shopper).items());
        assertNull(api.get("/api/me/profile", shopper).body().get("updatedAt"));
        assertEquals(200, api.get("/api/ops/returns/analytics", ops).status(), "ops analytics still read");
        CheckoutRecord anonymous = checkouts.find(UUID.fromString(checkoutId)).orElseThrow();
        assertNull(anonymous.userId(), "the checkout is kept, and read, without its shopper");
        assertNull(anonymous.request().shippingAddress());
        assertEquals("COMPLETED", anonymous.status().name());
    }

    @Test
    void aShopperWithACheckoutInProgressIsAskedToWait() {
        String userId = "busy-" + UUID.randomUUID();
        String shopper = tokens.shopper(userId);
        api.put("/api/me/profile", shopper, ProfileApiTest.fullProfile());
        String checkoutId = (String) api.post("/api/checkouts", shopper,
                body(fixtures.dress(5), "M", 1, "pm_card_threeDSecure2Required"), key(newKey())).body().get("checkoutId");
        fixtures.awaitStatus(checkoutId, shopper, "PAYMENT_ACTION_REQUIRED");

        Reply refused = api.delete("/api/me", shopper);

        assertEquals(409, refused.status());
        assertEquals(168.5, ((Number) ((Map<?, ?>) api.get("/api/me/profile", shopper).body().get("measurements"))
                .get("heightCm")).doubleValue(), "nothing was erased");
    }
}
