package com.styleshepherd.api.checkout;

import com.styleshepherd.api.orders.OrderWorkflows;
import com.styleshepherd.payments.InvalidWebhookException;
import com.styleshepherd.payments.PaymentWebhookEvent;
import com.styleshepherd.payments.StripeWebhooks;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.store.checkout.PaymentLedger;
import com.styleshepherd.store.checkout.PaymentRecord;
import com.styleshepherd.store.orders.OrderLifecycle;
import com.styleshepherd.store.payments.WebhookInbox;
import com.styleshepherd.workflows.checkout.PaymentEvent;
import com.styleshepherd.workflows.order.OrderRequests;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a Stripe webhook from signature to workflow: verify, store once, signal the checkout whose
 * payment intent it concerns, mark processed. An event that could not be signalled stays unprocessed,
 * and Stripe's redelivery finishes the job.
 */
@Singleton
class PaymentWebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookHandler.class);

    private final StripeWebhooks webhooks;
    private final WebhookInbox inbox;
    private final PaymentLedger payments;
    private final CheckoutStore checkouts;
    private final CheckoutWorkflows workflows;
    private final OrderLifecycle refunds;
    private final OrderWorkflows orders;

    PaymentWebhookHandler(StripeWebhooks webhooks, WebhookInbox inbox, PaymentLedger payments,
            CheckoutStore checkouts, CheckoutWorkflows workflows, OrderLifecycle refunds, OrderWorkflows orders) {
        this.webhooks = webhooks;
        this.inbox = inbox;
        this.payments = payments;
        this.checkouts = checkouts;
        this.workflows = workflows;
        this.refunds = refunds;
        this.orders = orders;
    }

    /** Throws {@link InvalidWebhookException} when the signature does not verify. */
    Outcome handle(String payload, String signatureHeader) {
        PaymentWebhookEvent event;
        try {
            event = webhooks.verify(payload, signatureHeader);
        } catch (InvalidWebhookException refused) {
            // The caller is told what was wrong; why, in the library's words, is for the log only.
            LOG.warn("Stripe webhook refused: {}", refused.getMessage(), refused.getCause());
            throw refused;
        }
        if (!inbox.receive(event.eventId(), event.type(), event.payload())) {
            LOG.info("Stripe event {} already processed", event.eventId());
            return Outcome.DUPLICATE;
        }
        if (event.refund() != null && event.refund().failed()) {
            refundFailed(event);
        }
        Optional<String> workflowId = workflowOf(event);
        if (workflowId.isEmpty()) {
            LOG.info("Stripe event {} ({}) concerns no checkout; stored only", event.eventId(), event.type());
            inbox.markProcessed(event.eventId());
            return Outcome.IGNORED;
        }
        try {
            workflows.signalPaymentEvent(workflowId.get(),
                    new PaymentEvent(event.eventId(), event.type(), event.paymentIntentId()));
        } catch (WorkflowNotFoundException closed) {
            LOG.info("Stripe event {} for {}: the checkout has already ended", event.eventId(), workflowId.get());
        }
        inbox.markProcessed(event.eventId());
        LOG.info("Stripe event {} ({}) signalled to workflowId={}", event.eventId(), event.type(), workflowId.get());
        return Outcome.PROCESSED;
    }

    /**
     * A refund the provider accepted and later failed: its order takes it off what was refunded and says
     * REFUND_FAILED, for ops to pay it back another way.
     */
    private void refundFailed(PaymentWebhookEvent event) {
        PaymentWebhookEvent.RefundUpdate refund = event.refund();
        LOG.error("Stripe refund {} of {} {} ({}) (event {})", refund.refundId(), event.paymentIntentId(),
                refund.status(), refund.failureReason(), event.eventId());
        refunds.findByProviderRefundId(refund.refundId()).ifPresent(owner -> orders.refundFailed(owner.orderId(),
                new OrderRequests.RefundFailed(owner.idempotencyKey(),
                        refund.failureReason() == null ? refund.status() : refund.failureReason())));
    }

    /** Our own payments table first; the intent's metadata when the webhook outran the ledger. */
    private Optional<String> workflowOf(PaymentWebhookEvent event) {
        // Refund and charge events name the intent too, but a checkout waits only for the intent's own.
        if (event.paymentIntentId() == null || !event.aboutIntent()) {
            return Optional.empty();
        }
        Optional<String> fromLedger = payments.findByProviderId(event.paymentIntentId())
                .map(PaymentRecord::checkoutId)
                .flatMap(checkouts::find)
                .map(checkout -> checkout.workflowId());
        return fromLedger.or(() -> Optional.ofNullable(event.workflowId()));
    }

    enum Outcome { PROCESSED, DUPLICATE, IGNORED }
}
