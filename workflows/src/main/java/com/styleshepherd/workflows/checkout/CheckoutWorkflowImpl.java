package com.styleshepherd.workflows.checkout;

import static com.styleshepherd.workflows.checkout.CheckoutSearchAttributes.CHECKOUT_ID;
import static com.styleshepherd.workflows.checkout.CheckoutSearchAttributes.CHECKOUT_STATUS;
import static com.styleshepherd.workflows.checkout.CheckoutSearchAttributes.CHECKOUT_TOTAL;
import static com.styleshepherd.workflows.checkout.CheckoutSearchAttributes.SHOPPER_ID;

import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.order.OrderStart;
import com.styleshepherd.workflows.order.OrderWorkflow;
import com.styleshepherd.workflows.returnrisk.ReturnRiskActivities;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * Price → return risk → reserve stock → pay → order, as a saga: every step that changes the world
 * registers its undo before it runs, and a checkout that cannot complete runs the undos in reverse
 * in a detached scope (so they run even when ops cancel the workflow).
 */
public class CheckoutWorkflowImpl implements CheckoutWorkflow {

    private static final Logger LOG = Workflow.getLogger(CheckoutWorkflowImpl.class);

    /** Change id of the first versioned change: holds are extended while waiting for a new card. */
    static final String EXTEND_HOLD_WHILE_DECLINED = "extend-stock-hold-while-declined";
    /**
     * Change id of the second: the steps that only read or write our own database in milliseconds (price,
     * collect risk signals, record the risk, reserve and extend stock) run as local activities, in the
     * workflow task instead of a round trip through the task queue each. Runs started before keep
     * scheduling them as regular activities.
     */
    static final String LOCAL_DATABASE_STEPS = "local-activities-for-database-steps";
    /**
     * Change id of the third: payment idempotency keys name the run chain's first run, not the current
     * run. A reset (Temporal UI, {@code temporal workflow reset}) keeps the first run's id, so a reset run
     * that pays again finds the intent the reset-away run made instead of charging the shopper twice; an
     * ops retry is a new chain with new keys, as before. Runs started before keep keys with their run id.
     */
    static final String PAYMENT_KEYS_SURVIVE_RESET = "payment-keys-survive-reset";
    /**
     * Change id of the fourth: the workflow writes each status it moves to on the checkout's row itself
     * ({@link CheckoutActivities#recordStatus}, a local activity after each change), so the row says what
     * the workflow says at every step. Before, the stores derived a status from each write (a processing
     * payment read STOCK_RESERVED while the workflow waited in PAYMENT_ACTION_REQUIRED). Runs started
     * before keep only their final status on the row.
     */
    static final String STATUS_WRITTEN_BY_WORKFLOW = "status-written-by-workflow";
    /**
     * Change id of the fifth: each run records itself on the checkout's row first
     * ({@link CheckoutActivities#beginRun}: PENDING, no failure, one more run for a retry), so an ops retry
     * only starts a run and never writes the row; and a run uses the cart priced when the checkout was
     * opened ({@link CheckoutRequest#cart()}) instead of pricing it again. Runs started before price the cart
     * as their first step.
     */
    static final String OPENED_CHECKOUT_CARRIED = "opened-checkout-carried";
    /**
     * Change id of the sixth: a placed order gets its own {@link OrderWorkflow} (id {@code order-{orderId}}),
     * started as an abandoned child so it outlives the checkout: shipments, cancellation, returns and
     * refunds go through it. Runs started before leave their orders without one.
     */
    static final String ORDER_WORKFLOW_STARTED = "order-workflow-started";

    private static final RetryOptions BACKOFF = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(500))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofSeconds(30))
            .build();

    /** Steps before money moves: an outage longer than two minutes fails the checkout, which then compensates. */
    private final CheckoutActivities checkout = Workflow.newActivityStub(CheckoutActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setScheduleToCloseTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(BACKOFF)
                    .build());

    /** The same steps as local activities (see {@link #LOCAL_DATABASE_STEPS}), with the same limits. */
    private final CheckoutActivities local = Workflow.newLocalActivityStub(CheckoutActivities.class,
            LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setScheduleToCloseTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(BACKOFF)
                    .build());

    /** Creating the order after the money moved, and the undos: retried until they succeed, never given up. */
    private final CheckoutActivities untilDone = Workflow.newActivityStub(CheckoutActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(BACKOFF)
                    .build());

    /** Provider calls carry idempotency keys, so retrying them is safe; five minutes of errors stop the checkout. */
    private final PaymentActivities payments = Workflow.newActivityStub(PaymentActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setScheduleToCloseTimeout(Duration.ofMinutes(5))
                    .setRetryOptions(BACKOFF)
                    .build());

    private final PaymentActivities paymentUndo = Workflow.newActivityStub(PaymentActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(BACKOFF)
                    .build());

    /** The model runs on the GPU pool; a checkout never waits more than half a minute for it. */
    private final ReturnRiskActivities returnRisk = Workflow.newActivityStub(ReturnRiskActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.GPU)
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setScheduleToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(BACKOFF)
                    .build());

    private CheckoutRequest request;
    /** Where the database steps run: {@link #local} since {@link #LOCAL_DATABASE_STEPS}, {@link #checkout} before. */
    private CheckoutActivities database;
    /** Whether this run writes its statuses on the row ({@link #STATUS_WRITTEN_BY_WORKFLOW}). */
    private boolean writesStatus;
    private CheckoutStatus status = CheckoutStatus.PENDING;
    private FailureReason failureReason;
    private UUID orderId;
    private ReturnRiskAssessment risk;
    private String paymentIntentId;
    private PaymentStatus paymentStatus;
    private String clientSecret;
    private String declineCode;
    private int paymentAttempts;
    /** Attempts whose provider call has answered; the retryPayment update waits for its own. */
    private int paymentAttemptsAnswered;
    private String nextPaymentMethod;
    private final List<PaymentEvent> unreadPaymentEvents = new ArrayList<>();
    private final Set<String> seenPaymentEvents = new HashSet<>();

    @Override
    public CheckoutState checkout(CheckoutRequest request) {
        this.request = request;
        database = Workflow.getVersion(LOCAL_DATABASE_STEPS, Workflow.DEFAULT_VERSION, 1) >= 1 ? local : checkout;
        writesStatus = Workflow.getVersion(STATUS_WRITTEN_BY_WORKFLOW, Workflow.DEFAULT_VERSION, 1) >= 1;
        boolean carried = Workflow.getVersion(OPENED_CHECKOUT_CARRIED, Workflow.DEFAULT_VERSION, 1) >= 1;
        // One upsert command as before (replay-safe): the checkout id joined the attributes it sets.
        Workflow.upsertTypedSearchAttributes(SHOPPER_ID.valueSet(request.shopperId()),
                CHECKOUT_STATUS.valueSet(status.name()), CHECKOUT_ID.valueSet(request.checkoutId().toString()));
        Saga saga = new Saga(new Saga.Options.Builder().setContinueWithError(true).build());
        try {
            if (carried) {
                // The chain's first run id: a reset run is the same run of the checkout, an ops retry a new one.
                local.beginRun(request.checkoutId(), Workflow.getInfo().getFirstExecutionRunId());
            }
            PricedCart cart = carried && request.cart() != null ? request.cart() : database.priceCart(request);
            Workflow.upsertTypedSearchAttributes(CHECKOUT_TOTAL.valueSet(cart.total().doubleValue()));

            reviewReturnRisk(cart);

            // Registered before the call: if the reservation commits but its reply is lost, it is still released.
            saga.addCompensation(untilDone::releaseStock, request.checkoutId());
            database.reserveStock(request.checkoutId(), cart.lines(), request.policy().stockHold());
            setStatus(CheckoutStatus.STOCK_RESERVED);

            // Registered before the first provider call for the same reason: an intent may exist before we hear of it.
            saga.addCompensation(paymentUndo::voidPayment, request.checkoutId());
            pay(cart);

            orderId = untilDone.placeOrder(request.checkoutId(), request.shopperId(), cart).orderId();
            if (Workflow.getVersion(ORDER_WORKFLOW_STARTED, Workflow.DEFAULT_VERSION, 1) >= 1) {
                startOrder();
            }
            setStatus(CheckoutStatus.COMPLETED);
            LOG.info("Checkout completed: order {}", orderId);
            return state();
        } catch (CheckoutStopped stopped) {
            throw end(saga, CheckoutStatus.CANCELLED, stopped.reason, stopped);
        } catch (ActivityFailure failure) {
            FailureReason reason = reasonFor(failure);
            CheckoutStatus ending = reason == FailureReason.OUT_OF_STOCK || reason == FailureReason.PRODUCT_UNAVAILABLE
                    ? CheckoutStatus.CANCELLED
                    : CheckoutStatus.FAILED;
            throw end(saga, ending, reason, failure);
        } catch (CanceledFailure cancelled) {
            end(saga, CheckoutStatus.CANCELLED, FailureReason.CANCELLED_BY_OPS, cancelled);
            throw cancelled;
        }
    }

    /**
     * Starts the order's workflow and waits until it runs (a child not yet started when its parent completes
     * would never start). Abandoned: the order lives on after the checkout closes. An order workflow that
     * runs already (a reset run placing the same order) is the one the order keeps.
     */
    private void startOrder() {
        OrderWorkflow order = Workflow.newChildWorkflowStub(OrderWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(OrderWorkflow.workflowId(orderId))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
        Async.function(order::run, new OrderStart(orderId, request.checkoutId(), request.shopperId(),
                request.policy().order(), null));
        try {
            Workflow.getWorkflowExecution(order).get();
        } catch (ChildWorkflowFailure alreadyStarted) {
            LOG.info("Order {} has its workflow already: {}", orderId, alreadyStarted.getMessage());
        }
    }

    private void reviewReturnRisk(PricedCart cart) {
        ReturnRiskSignals signals = database.collectReturnRiskSignals(request.checkoutId(), request.shopperId(), cart);
        try {
            risk = returnRisk.assessReturnRisk(signals);
        } catch (ActivityFailure unavailable) {
            // Risk advice must not hold a sale hostage: without the model the checkout goes on unscored.
            LOG.warn("Return-risk model unavailable, continuing without a score: {}", unavailable.getMessage());
            return;
        }
        database.recordReturnRisk(request.checkoutId(), risk);
        setStatus(CheckoutStatus.RISK_REVIEWED);
    }

    /**
     * Pays for the cart. A decline waits (bounded) for the shopper to send another payment method
     * through the retryPayment update; 3-D Secure waits (bounded) for the provider's webhook.
     */
    private void pay(PricedCart cart) {
        String paymentMethod = request.purchase().paymentMethod();
        String run = Workflow.getVersion(PAYMENT_KEYS_SURVIVE_RESET, Workflow.DEFAULT_VERSION, 1) >= 1
                ? Workflow.getInfo().getFirstExecutionRunId() : Workflow.getInfo().getRunId();
        String idempotencyKey = Workflow.getInfo().getWorkflowId() + "/" + run;
        while (true) {
            paymentAttempts++;
            PaymentAttempt attempt = payments.chargePayment(new PaymentCharge(request.checkoutId(),
                    request.shopperId(), Workflow.getInfo().getWorkflowId(), idempotencyKey, paymentAttempts,
                    paymentIntentId, cart.total(), cart.currency(), paymentMethod));
            record(attempt);
            paymentAttemptsAnswered = paymentAttempts;
            if (attempt.status() == PaymentStatus.REQUIRES_ACTION || attempt.status() == PaymentStatus.PROCESSING) {
                attempt = awaitPaymentOutcome(attempt);
            }
            if (attempt.status() == PaymentStatus.SUCCEEDED) {
                return;
            }
            if (paymentAttempts >= request.policy().maxPaymentAttempts()) {
                throw new CheckoutStopped(FailureReason.PAYMENT_DECLINED);
            }
            setStatus(CheckoutStatus.PAYMENT_DECLINED);
            if (Workflow.getVersion(EXTEND_HOLD_WHILE_DECLINED, Workflow.DEFAULT_VERSION, 1) >= 1) {
                // Keep the shopper's sizes while they find another card, beyond the hold taken at reservation.
                database.extendStockHold(request.checkoutId(),
                        request.policy().paymentRetryWindow().plus(request.policy().paymentActionTimeout()));
            }
            if (!Workflow.await(request.policy().paymentRetryWindow(), () -> nextPaymentMethod != null)) {
                throw new CheckoutStopped(FailureReason.PAYMENT_DECLINED);
            }
            paymentMethod = nextPaymentMethod;
            nextPaymentMethod = null;
            setStatus(CheckoutStatus.STOCK_RESERVED);
        }
    }

    /** Waits for webhooks about the intent, reading its state from the provider after each, until it settles. */
    private PaymentAttempt awaitPaymentOutcome(PaymentAttempt attempt) {
        setStatus(CheckoutStatus.PAYMENT_ACTION_REQUIRED);
        long deadline = Workflow.currentTimeMillis() + request.policy().paymentActionTimeout().toMillis();
        while (attempt.status() == PaymentStatus.REQUIRES_ACTION || attempt.status() == PaymentStatus.PROCESSING) {
            Duration left = Duration.ofMillis(deadline - Workflow.currentTimeMillis());
            if (left.isNegative() || left.isZero() || !Workflow.await(left, this::hasUnreadPaymentEvent)) {
                throw new CheckoutStopped(FailureReason.PAYMENT_ACTION_TIMEOUT);
            }
            unreadPaymentEvents.removeIf(event -> event.paymentIntentId().equals(paymentIntentId));
            attempt = payments.refreshPayment(request.checkoutId(), paymentIntentId);
            record(attempt);
        }
        return attempt;
    }

    private boolean hasUnreadPaymentEvent() {
        return unreadPaymentEvents.stream().anyMatch(event -> event.paymentIntentId().equals(paymentIntentId));
    }

    private void record(PaymentAttempt attempt) {
        paymentIntentId = attempt.paymentIntentId();
        paymentStatus = attempt.status();
        if (attempt.clientSecret() != null) {
            clientSecret = attempt.clientSecret();
        }
        declineCode = attempt.declineCode();
    }

    /** Runs the undos and records the ending, shielded from cancellation of the workflow. */
    private ApplicationFailure end(Saga saga, CheckoutStatus ending, FailureReason reason, Exception cause) {
        LOG.warn("Checkout ending {} ({}): {}", ending, reason, cause.getMessage());
        Workflow.newDetachedCancellationScope(() -> {
            saga.compensate();
            untilDone.closeCheckout(request.checkoutId(), ending, reason);
        }).run();
        failureReason = reason;
        setStatus(ending);
        String type = ending == CheckoutStatus.CANCELLED
                ? CheckoutFailures.CHECKOUT_CANCELLED
                : CheckoutFailures.CHECKOUT_FAILED;
        return ApplicationFailure.newNonRetryableFailureWithCause(
                "Checkout " + ending + ": " + reason, type, cause, state());
    }

    private static FailureReason reasonFor(ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure application) {
            if (CheckoutFailures.OUT_OF_STOCK.equals(application.getType())) {
                return FailureReason.OUT_OF_STOCK;
            }
            if (CheckoutFailures.PRODUCT_UNAVAILABLE.equals(application.getType())) {
                return FailureReason.PRODUCT_UNAVAILABLE;
            }
        }
        if ("ChargePayment".equals(failure.getActivityType()) || "RefreshPayment".equals(failure.getActivityType())) {
            return FailureReason.PAYMENT_ERROR;
        }
        return FailureReason.INTERNAL_ERROR;
    }

    private void setStatus(CheckoutStatus next) {
        status = next;
        Workflow.upsertTypedSearchAttributes(CHECKOUT_STATUS.valueSet(next.name()));
        // The endings are written with what ends the checkout: the order (placeOrder) or the undo (closeCheckout).
        if (writesStatus && !next.isFinal()) {
            database.recordStatus(request.checkoutId(), next);
        }
    }

    @Override
    public CheckoutState state() {
        return new CheckoutState(request == null ? null : request.checkoutId(), status, failureReason, orderId, risk,
                paymentIntentId, paymentStatus, clientSecret, paymentAttempts, declineCode);
    }

    @Override
    public void paymentEvent(PaymentEvent event) {
        if (event.paymentIntentId() != null && seenPaymentEvents.add(event.eventId())) {
            unreadPaymentEvents.add(event);
        }
    }

    @Override
    public CheckoutState retryPayment(String paymentMethod) {
        int attempt = paymentAttempts + 1;
        nextPaymentMethod = paymentMethod;
        // Answers once the attempt settled: declined again, waiting for 3-D Secure, or paid and ordered.
        Workflow.await(() -> status.isFinal()
                || (paymentAttemptsAnswered >= attempt && status != CheckoutStatus.STOCK_RESERVED));
        return state();
    }

    @Override
    public void validateRetryPayment(String paymentMethod) {
        if (paymentMethod == null || paymentMethod.isBlank()) {
            throw new IllegalArgumentException("paymentMethod is required");
        }
        if (status != CheckoutStatus.PAYMENT_DECLINED || nextPaymentMethod != null) {
            throw new IllegalStateException("The checkout is " + status + ": it is not waiting for a payment method");
        }
    }

    /** A business reason to stop: not an error, the saga undoes what was done. */
    private static final class CheckoutStopped extends RuntimeException {
        private final FailureReason reason;

        CheckoutStopped(FailureReason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }
}
