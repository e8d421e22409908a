package com.styleshepherd.api.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.store.checkout.CheckoutOpener;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.PaymentLedger;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import com.styleshepherd.workflows.checkout.Purchase;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import com.styleshepherd.workflows.checkout.StockHoldSweepWorkflow;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An api process that stops between opening a checkout's row and starting its workflow leaves a PENDING row
 * with no workflow. The sweep (the {@code stock-hold-sweep} Schedule, every minute) starts such a checkout once
 * it has waited a minute, and it completes once; a checkout opened moments ago is left to its own request.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.checkout.hold-sweep-interval", value = "2s")
class OrphanedCheckoutTest implements RealInfrastructure {

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    CheckoutOpener opener;

    @Inject
    WorkflowClient client;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    OrderBook orders;

    @Inject
    CheckoutStore checkouts;

    @Inject
    PaymentLedger payments;

    @Test
    void theSweepStartsACheckoutWhoseWorkflowNeverStartedAndItCompletesOnce() {
        String userId = "orphan-" + UUID.randomUUID();
        String token = tokens.shopper(userId);
        long dress = fixtures.dress(3);
        // What POST /api/checkouts does before the api stopped: the row, no workflow.
        CheckoutRecord orphan = open(userId, dress, "orphan-key-" + UUID.randomUUID());
        CheckoutRecord fresh = open(userId, dress, "fresh-key-" + UUID.randomUUID());
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE checkouts SET updated_at = now() - interval '2 minutes' WHERE id = ?", statement -> {
                    statement.setObject(1, orphan.id());
                    return statement.executeUpdate();
                }));

        sweep();

        Reply done = fixtures.awaitStatus(orphan.id().toString(), token, "COMPLETED");
        assertEquals("COMPLETED", done.body().get("status"), done.body().toString());
        assertEquals(1, orders.countForCheckout(orphan.id()), "exactly one order");
        assertEquals(1, payments.countSucceeded(orphan.id()), "exactly one payment");
        assertThrows(WorkflowNotFoundException.class,
                () -> client.newUntypedWorkflowStub(fresh.workflowId()).describe(),
                "a checkout opened moments ago is still its own request's to start");

        CheckoutRecord row = checkouts.find(orphan.id()).orElseThrow();
        assertEquals(1, row.runs(), "the run the sweep started is the checkout's first");
        assertTrue(row.firstRunId() != null, "the run recorded itself on the row");

        sweep();
        assertEquals(1, orders.countForCheckout(orphan.id()), "a second sweep starts nothing again");
        assertEquals(2, fixtures.stock(dress, "M"), "one unit sold, once");
    }

    /**
     * Nobody calls the sweep here: the Schedule (a real server) or, on the embedded test server that has no
     * Schedules, the worker's own timer starts the sweep workflow every {@code hold-sweep-interval}.
     */
    @Test
    void theSweepRunsOnItsOwnEveryInterval() {
        String userId = "unswept-" + UUID.randomUUID();
        long dress = fixtures.dress(2);
        CheckoutRecord orphan = open(userId, dress, "unswept-key-" + UUID.randomUUID());
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE checkouts SET updated_at = now() - interval '2 minutes' WHERE id = ?", statement -> {
                    statement.setObject(1, orphan.id());
                    return statement.executeUpdate();
                }));

        Reply done = fixtures.awaitStatus(orphan.id().toString(), tokens.shopper(userId), "COMPLETED");

        assertEquals("COMPLETED", done.body().get("status"), done.body().toString());
        assertEquals(1, orders.countForCheckout(orphan.id()));
    }

    @Test
    void openingTwiceWithOneKeyGivesOneCheckout() {
        String userId = "twice-" + UUID.randomUUID();
        long dress = fixtures.dress(3);
        String key = "twice-key-" + UUID.randomUUID();
        Purchase request = request(dress);

        var first = assertInstanceOf(CheckoutOpener.Opened.class, opener.open(userId, key, request));
        var second = assertInstanceOf(CheckoutOpener.Opened.class, opener.open(userId, key, request));

        assertTrue(first.created());
        assertEquals(first.cart().total(), first.checkout().total(), "the row is priced as it is opened");
        assertEquals("USD", first.checkout().currency());
        assertFalse(second.created());
        assertEquals(first.checkout().id(), second.checkout().id());
        assertInstanceOf(CheckoutOpener.OutOfStock.class, opener.open(userId, "short-" + UUID.randomUUID(),
                new Purchase(List.of(new CartLine(dress, "M", 4)), "pm_card_visa", address())),
                "more than the stock: nothing is opened");
    }

    private CheckoutRecord open(String userId, long dress, String key) {
        var opened = assertInstanceOf(CheckoutOpener.Opened.class,
                opener.open(userId, CheckoutWorkflow.shopperKey(userId, key), request(dress)));
        assertTrue(opened.created());
        return opened.checkout();
    }

    private void sweep() {
        client.newWorkflowStub(StockHoldSweepWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId("test-sweep-" + UUID.randomUUID()).setTaskQueue(TaskQueues.CHECKOUT).build()).sweep();
    }

    private static Purchase request(long dress) {
        return new Purchase(List.of(new CartLine(dress, "M", 1)), "pm_card_visa", address());
    }

    private static ShippingAddress address() {
        return new ShippingAddress("Ada Lovelace", "1 Loom St", "London", "N1 9GU", "GB");
    }
}
