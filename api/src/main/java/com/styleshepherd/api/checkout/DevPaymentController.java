package com.styleshepherd.api.checkout;

import com.styleshepherd.api.security.Roles;
import com.styleshepherd.payments.PaymentSimulator;
import com.styleshepherd.payments.SignedWebhook;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.store.checkout.PaymentLedger;
import com.styleshepherd.store.checkout.PaymentRecord;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Dev only, with the local payment simulator: plays the shopper finishing 3-D Secure, and delivers the
 * signed webhook Stripe would send through the same handler as {@code POST /api/webhooks/stripe}. Only the
 * shopper whose checkout made the payment (or ops) may finish it: anyone else's intent id is a 404. Not in the
 * OpenAPI document, which describes production.
 */
@Hidden
@Controller("/api/dev/payments")
@Requires(env = "dev")
@Requires(beans = PaymentSimulator.class)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class DevPaymentController {

    private final PaymentSimulator simulator;
    private final PaymentWebhookHandler webhooks;
    private final PaymentLedger payments;
    private final CheckoutStore checkouts;

    DevPaymentController(PaymentSimulator simulator, PaymentWebhookHandler webhooks, PaymentLedger payments,
            CheckoutStore checkouts) {
        this.simulator = simulator;
        this.webhooks = webhooks;
        this.payments = payments;
        this.checkouts = checkouts;
    }

    @Post("/{paymentIntentId}/complete-action")
    StripeWebhookController.Received completeAction(Authentication caller, @PathVariable String paymentIntentId) {
        HttpStatusException notFound = new HttpStatusException(HttpStatus.NOT_FOUND, "No simulated payment " + paymentIntentId);
        payments.findByProviderId(paymentIntentId)
                .map(PaymentRecord::checkoutId)
                .flatMap(checkouts::find)
                .map(CheckoutRecord::userId)
                .filter(owner -> owner.equals(caller.getName()) || caller.getRoles().contains(Roles.OPS))
                .orElseThrow(() -> notFound);
        SignedWebhook webhook = simulator.completeAction(paymentIntentId, true).orElseThrow(() -> notFound);
        return new StripeWebhookController.Received(webhooks.handle(webhook.payload(), webhook.signatureHeader()).name());
    }
}
