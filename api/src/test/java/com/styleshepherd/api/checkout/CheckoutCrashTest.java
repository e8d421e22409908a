package com.styleshepherd.api.checkout;

import static com.styleshepherd.api.checkout.CheckoutFixtures.body;
import static com.styleshepherd.api.checkout.CheckoutFixtures.key;
import static com.styleshepherd.api.checkout.CheckoutFixtures.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.WorkerJvm;
import com.styleshepherd.payments.PaymentSimulator;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.PaymentLedger;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.workflows.checkout.PaymentStatus;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A worker process dies (SIGKILL) in the middle of a checkout and a new one finishes it. The api runs
 * in this JVM with no checkout worker of its own (the gpu worker stays in-process); the checkout worker
 * is a separate JVM running {@code WorkerApplication} against the same Temporal server, PostgreSQL and
 * Redis. What must hold: the workflow resumes from its history, exactly one order, exactly one payment
 * intent that succeeded, and the reserved unit is sold once.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.worker.enabled", value = "false")
class CheckoutCrashTest implements RealInfrastructure {

    /** A worker JVM starts in seconds; on a busy 2-core CI machine, allow for many. */
    static final Duration WORKER_PATIENCE = Duration.ofSeconds(90);

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    OrderBook orders;

    @Inject
    PaymentLedger payments;

    @Inject
    PaymentSimulator simulator;

    @Test
    void aWorkerKilledWhileTheShopperDoes3dsIsReplacedAndTheCheckoutCompletesOnce() throws Exception {
        String shopper = tokens.shopper("crash-" + UUID.randomUUID());
        long dress = fixtures.dress(3);

        String checkoutId;
        String intentId;
        try (WorkerJvm first = WorkerJvm.start("crash-worker-1", WorkerJvm.testProperties())) {
            Reply accepted = api.post("/api/checkouts", shopper,
                    body(dress, "M", 1, "pm_card_threeDSecure2Required"), key(newKey()));
            assertEquals(202, accepted.status(), accepted.body().toString());
            checkoutId = (String) accepted.body().get("checkoutId");

            Reply waiting = awaitOrExplain(first, checkoutId, shopper, "PAYMENT_ACTION_REQUIRED");
            intentId = intentOf(waiting);
            assertEquals(2, fixtures.stock(dress, "M"), "the unit is reserved before the payment");

            int exit = first.killHard();
            assertNotEquals(0, exit, "the worker died, it did not exit cleanly");
            assertFalse(first.isAlive());
        }

        // The shopper finishes 3-D Secure while no worker runs: the webhook is verified and stored by the
        // api, and its signal waits in the workflow's history.
        Reply webhook = api.post("/api/dev/payments/" + intentId + "/complete-action", shopper, Map.of());
        assertEquals(200, webhook.status(), webhook.body().toString());
        assertEquals("PROCESSED", webhook.body().get("outcome"));
        assertEquals("PAYMENT_ACTION_REQUIRED", api.get("/api/checkouts/" + checkoutId, shopper).body().get("status"),
                "nothing moves while no worker polls the checkout queue");

        try (WorkerJvm second = WorkerJvm.start("crash-worker-2", WorkerJvm.testProperties())) {
            Reply done = awaitOrExplain(second, checkoutId, shopper, "COMPLETED");
            assertNotNull(done.body().get("orderId"), done.body().toString());
        }

        UUID id = UUID.fromString(checkoutId);
        assertEquals(1, orders.countForCheckout(id), "exactly one order");
        assertEquals(1, payments.countSucceeded(id), "exactly one payment that succeeded");
        assertEquals(intentId, payments.latestFor(id).orElseThrow().providerPaymentId(),
                "the order is paid by the intent the shopper authenticated, not a second one");
        assertEquals(PaymentStatus.SUCCEEDED, simulator.retrieve(intentId).status());
        assertEquals(2, fixtures.stock(dress, "M"), "the reserved unit was sold, not taken twice or returned");
    }

    private Reply awaitOrExplain(WorkerJvm worker, String checkoutId, String shopper, String status) {
        try {
            return fixtures.awaitCheckout(checkoutId, shopper, WORKER_PATIENCE,
                    reply -> status.equals(reply.body().get("status")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- worker process output ---\n" + worker.output(), e);
        }
    }

    private static String intentOf(Reply checkout) {
        String clientSecret = (String) ((Map<?, ?>) checkout.body().get("payment")).get("clientSecret");
        return clientSecret.substring(0, clientSecret.indexOf("_secret_"));
    }
}
