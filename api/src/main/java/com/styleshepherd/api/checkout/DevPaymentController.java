package com.styleshepherd.api.checkout;

import com.styleshepherd.payments.PaymentSimulator;
import com.styleshepherd.payments.SignedWebhook;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Dev only, with the local payment simulator: plays the shopper finishing 3-D Secure, and delivers the
 * signed webhook Stripe would send through the same handler as {@code POST /api/webhooks/stripe}.
 */
@Controller("/api/dev/payments")
@Requires(env = "dev")
@Requires(beans = PaymentSimulator.class)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class DevPaymentController {

    private final PaymentSimulator simulator;
    private final PaymentWebhookHandler webhooks;

    DevPaymentController(PaymentSimulator simulator, PaymentWebhookHandler webhooks) {
        this.simulator = simulator;
        this.webhooks = webhooks;
    }

    @Post("/{paymentIntentId}/complete-action")
    StripeWebhookController.Received completeAction(@PathVariable String paymentIntentId) {
        SignedWebhook webhook = simulator.completeAction(paymentIntentId, true)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No simulated payment " + paymentIntentId));
        return new StripeWebhookController.Received(webhooks.handle(webhook.payload(), webhook.signatureHeader()).name());
    }
}
