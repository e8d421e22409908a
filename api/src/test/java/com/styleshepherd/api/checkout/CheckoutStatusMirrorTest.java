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
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checkout's row says what its workflow says. A checkout is walked through risk review, 3-D Secure
 * (action required, then completed), a decline and a retry with another card, and a decline left to time out
 * (cancelled);
 * at each point where the workflow waits, {@code GET /api/checkouts/{id}} and the workflow's own state agree,
 * and every status the workflow moved to (its {@code CheckoutStatus} search-attribute upserts) was written on
 * the row by the workflow itself, through its {@code RecordStatus} local activity, right after.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.checkout.payment-retry-window", value = "3s")
@Property(name = "styleshepherd.checkout.payment-action-timeout", value = "20s")
class CheckoutStatusMirrorTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    WorkflowClient client;

    @Test
    void threeDSecureThenCompleted() {
        String userId = "mirror-3ds-" + UUID.randomUUID();
        String shopper = tokens.shopper(userId);
        Started started = start(userId, shopper, "pm_card_threeDSecure2Required");
        String checkoutId = started.checkoutId();

        Reply waiting = agreeWhen(started, shopper, CheckoutStatus.PAYMENT_ACTION_REQUIRED);
        String clientSecret = (String) ((Map<?, ?>) waiting.body().get("payment")).get("clientSecret");
        String intentId = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
        assertEquals(200, api.post("/api/dev/payments/" + intentId + "/complete-action", shopper, Map.of()).status());

        agreeWhen(started, shopper, CheckoutStatus.COMPLETED);
        assertEveryStatusWasRecordedByTheWorkflow(started.workflowId(), List.of(CheckoutStatus.RISK_REVIEWED,
                CheckoutStatus.STOCK_RESERVED, CheckoutStatus.PAYMENT_ACTION_REQUIRED, CheckoutStatus.COMPLETED));
    }

    @Test
    void declinedThenRetriedWithAnotherCard() {
        String userId = "mirror-retry-" + UUID.randomUUID();
        String shopper = tokens.shopper(userId);
        Started started = start(userId, shopper, "pm_card_chargeDeclined");
        String checkoutId = started.checkoutId();

        agreeWhen(started, shopper, CheckoutStatus.PAYMENT_DECLINED);
        Reply retried = api.post("/api/checkouts/" + checkoutId + "/payment-method", shopper,
                Map.of("paymentMethod", "pm_card_visa"));
        assertEquals(200, retried.status(), retried.body().toString());

        agreeWhen(started, shopper, CheckoutStatus.COMPLETED);
        assertEveryStatusWasRecordedByTheWorkflow(started.workflowId(), List.of(CheckoutStatus.RISK_REVIEWED,
                CheckoutStatus.STOCK_RESERVED, CheckoutStatus.PAYMENT_DECLINED, CheckoutStatus.STOCK_RESERVED,
                CheckoutStatus.COMPLETED));
    }

    @Test
    void declinedAndLeftToTimeOutIsCancelled() {
        String userId = "mirror-timeout-" + UUID.randomUUID();
        String shopper = tokens.shopper(userId);
        Started started = start(userId, shopper, "pm_card_chargeDeclined");
        String checkoutId = started.checkoutId();

        agreeWhen(started, shopper, CheckoutStatus.PAYMENT_DECLINED);
        Reply cancelled = agreeWhen(started, shopper, CheckoutStatus.CANCELLED);
        assertEquals("PAYMENT_DECLINED", cancelled.body().get("failureReason"), cancelled.body().toString());
        assertEveryStatusWasRecordedByTheWorkflow(started.workflowId(), List.of(CheckoutStatus.RISK_REVIEWED,
                CheckoutStatus.STOCK_RESERVED, CheckoutStatus.PAYMENT_DECLINED, CheckoutStatus.CANCELLED));
    }

    /** A checkout started through the API: its id, and its workflow's (the contract: checkout-{shopper key}). */
    record Started(String checkoutId, String workflowId) {
    }

    private Started start(String userId, String shopper, String paymentMethod) {
        String idempotencyKey = newKey();
        Reply started = api.post("/api/checkouts", shopper, body(fixtures.dress(5), "M", 1, paymentMethod),
                key(idempotencyKey));
        assertEquals(202, started.status(), started.body().toString());
        return new Started((String) started.body().get("checkoutId"),
                CheckoutWorkflow.workflowId(CheckoutWorkflow.shopperKey(userId, idempotencyKey)));
    }

    /** Waits until the row says {@code status}, then checks that the workflow says the same. */
    private Reply agreeWhen(Started checkout, String shopper, CheckoutStatus status) {
        Reply row = fixtures.awaitStatus(checkout.checkoutId(), shopper, status.name());
        assertEquals(status, client.newWorkflowStub(CheckoutWorkflow.class, checkout.workflowId()).state().status(),
                "the workflow and its row disagree");
        return row;
    }

    /**
     * The statuses the workflow moved to, in order, from its history; each non-final one is followed by the
     * RecordStatus local activity (a marker) that wrote it on the row.
     */
    private void assertEveryStatusWasRecordedByTheWorkflow(String workflowId, List<CheckoutStatus> expected) {
        List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
        List<CheckoutStatus> moves = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            HistoryEvent event = events.get(i);
            if (event.getEventType() != EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
                continue;
            }
            Payload value = event.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes()
                    .getIndexedFieldsMap().get(CheckoutSearchAttributes.CHECKOUT_STATUS.getName());
            if (value == null || event.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes()
                    .getIndexedFieldsCount() > 1) {
                continue; // the start's upsert of every attribute (PENDING), or the total
            }
            CheckoutStatus moved = CheckoutStatus.valueOf(value.getData().toStringUtf8().replace("\"", ""));
            moves.add(moved);
            if (!moved.isFinal()) {
                assertTrue(recordedNext(events, i), "no RecordStatus after the move to " + moved + " in " + workflowId);
            }
        }
        assertEquals(expected, moves);
    }

    private static boolean recordedNext(List<HistoryEvent> events, int from) {
        for (int j = from + 1; j < events.size(); j++) {
            HistoryEvent event = events.get(j);
            if (event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED) {
                String details = event.getMarkerRecordedEventAttributes().getDetailsMap().toString();
                // A local activity's marker names its type, not its input: the row's status is checked at each wait.
                return details.contains("RecordStatus");
            }
        }
        return false;
    }
}
