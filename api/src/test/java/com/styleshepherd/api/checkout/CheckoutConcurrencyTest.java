package com.styleshepherd.api.checkout;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Many shoppers racing for the last units: exactly the stock is sold, never more. */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
class CheckoutConcurrencyTest implements RealInfrastructure {

    static final int SHOPPERS = 200;
    static final int UNITS = 50;

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Test
    void twoHundredShoppersForFiftyUnitsMakeExactlyFiftyOrders() throws Exception {
        long dress = fixtures.dress(UNITS);
        List<Future<Reply>> replies = new ArrayList<>();
        List<String> shoppers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SHOPPERS; i++) {
                String token = tokens.shopper("racer-" + i + "-" + UUID.randomUUID());
                shoppers.add(token);
                replies.add(pool.submit(() -> buy(token, dress)));
            }
        }

        int refusedUpFront = 0;
        int completed = 0;
        int outOfStock = 0;
        for (int i = 0; i < SHOPPERS; i++) {
            Reply reply = replies.get(i).get();
            if (reply.status() == 409) {
                refusedUpFront++;
                continue;
            }
            assertEquals(202, reply.status(), reply.body().toString());
            Reply end = fixtures.awaitCheckout((String) reply.body().get("checkoutId"), shoppers.get(i),
                    r -> List.of("COMPLETED", "CANCELLED", "FAILED").contains(r.body().get("status")));
            if ("COMPLETED".equals(end.body().get("status"))) {
                completed++;
            } else {
                assertEquals(Map.of("status", "CANCELLED", "failureReason", "OUT_OF_STOCK"),
                        Map.of("status", end.body().get("status"), "failureReason", end.body().get("failureReason")));
                outOfStock++;
            }
        }

        assertEquals(UNITS, completed);
        assertEquals(SHOPPERS, completed + outOfStock + refusedUpFront);
        assertEquals(0, fixtures.stock(dress, "M"));
        long unitsOrdered = fixtures.read(db -> db.prepareStatement(
                "SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE product_id = ?", statement -> {
                    statement.setLong(1, dress);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                }));
        assertEquals(UNITS, unitsOrdered);
        assertTrue(outOfStock + refusedUpFront == SHOPPERS - UNITS);
    }

    /**
     * One shopper's purchase as a client makes it: a 503 (a pool or a dependency saturated by the other 199,
     * which a loaded machine can give) is retried with the same Idempotency-Key after its Retry-After.
     */
    private Reply buy(String token, long dress) throws InterruptedException {
        Map<String, String> key = key(newKey());
        Reply reply = api.post("/api/checkouts", token, body(dress, "M", 1, "pm_card_visa"), key);
        for (int attempt = 1; reply.status() == 503 && attempt < 10; attempt++) {
            String retryAfter = reply.header("Retry-After").orElseThrow(() -> new AssertionError("503 without Retry-After"));
            Thread.sleep(Long.parseLong(retryAfter) * 1000);
            reply = api.post("/api/checkouts", token, body(dress, "M", 1, "pm_card_visa"), key);
        }
        return reply;
    }
}
