package com.styleshepherd.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;
import com.styleshepherd.workflows.checkout.PaymentStatus;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Stripe PaymentIntents through stripe-java. Active when {@code stripe.secret-key} is set.
 *
 * <p>One intent per checkout run: created and confirmed in one call, confirmed again with another card
 * after a decline (never a second intent, so "payment already exists" cannot block a retry). The SDK's
 * own retries are off: Temporal retries the activity, with the same idempotency key.
 */
@Singleton
@Requires(property = "stripe.secret-key")
public class StripePaymentGateway implements PaymentGateway {

    private final StripeClient stripe;

    StripePaymentGateway(StripeSettings settings) {
        this.stripe = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase())
                .setMaxNetworkRetries(0)
                .setConnectTimeout(5_000)
                .setReadTimeout(20_000)
                .build();
    }

    @Override
    public String provider() {
        return "stripe";
    }

    @Override
    public PaymentAttempt createAndConfirm(PaymentCharge charge, String idempotencyKey) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(MinorUnits.of(charge.amount(), charge.currency()))
                .setCurrency(charge.currency().toLowerCase(Locale.ROOT))
                .addPaymentMethodType("card")
                .setPaymentMethod(charge.paymentMethod())
                .setConfirm(true)
                .putMetadata("checkout_id", charge.checkoutId().toString())
                .putMetadata("workflow_id", charge.workflowId())
                .putMetadata("shopper_id", charge.shopperId())
                .build();
        return call(() -> stripe.paymentIntents().create(params, keyed(idempotencyKey)));
    }

    @Override
    public PaymentAttempt confirm(String paymentIntentId, String paymentMethod, String idempotencyKey) {
        PaymentIntentConfirmParams params = PaymentIntentConfirmParams.builder().setPaymentMethod(paymentMethod).build();
        return call(() -> stripe.paymentIntents().confirm(paymentIntentId, params, keyed(idempotencyKey)));
    }

    @Override
    public PaymentAttempt retrieve(String paymentIntentId) {
        return call(() -> stripe.paymentIntents().retrieve(paymentIntentId));
    }

    @Override
    public PaymentAttempt cancel(String paymentIntentId, String idempotencyKey) {
        return call(() -> stripe.paymentIntents().cancel(paymentIntentId, keyed(idempotencyKey)));
    }

    @Override
    public PaymentAttempt refund(String paymentIntentId, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(paymentIntentId).build();
        try {
            stripe.refunds().create(params, keyed(idempotencyKey));
        } catch (StripeException e) {
            throw failure("refund " + paymentIntentId, e);
        }
        return new PaymentAttempt(paymentIntentId, PaymentStatus.REFUNDED, null, null, null);
    }

    @Override
    public ProviderRefund refundAmount(String paymentIntentId, BigDecimal amount, String currency,
            String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(MinorUnits.of(amount, currency))
                .build();
        Refund refund;
        try {
            refund = stripe.refunds().create(params, keyed(idempotencyKey));
        } catch (StripeException e) {
            throw failure("refund " + paymentIntentId, e);
        }
        if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
            throw new PaymentProviderException("Stripe refund " + refund.getId() + " of " + paymentIntentId + " "
                    + refund.getStatus() + ": " + refund.getFailureReason(), false, null);
        }
        return new ProviderRefund(refund.getId(), refund.getAmount(), refund.getStatus());
    }

    private static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private PaymentAttempt call(StripeCall call) {
        try {
            return attempt(call.run());
        } catch (CardException declined) {
            // 402: the card was declined. The intent stays, waiting for another payment method.
            StripeError error = declined.getStripeError();
            String intentId = error != null && error.getPaymentIntent() != null ? error.getPaymentIntent().getId() : null;
            String code = declined.getDeclineCode() != null ? declined.getDeclineCode() : declined.getCode();
            return new PaymentAttempt(intentId, PaymentStatus.DECLINED,
                    error != null && error.getPaymentIntent() != null ? error.getPaymentIntent().getClientSecret() : null,
                    code, error != null ? error.getMessage() : declined.getMessage());
        } catch (InvalidRequestException invalid) {
            StripeError error = invalid.getStripeError();
            if (error != null && "payment_method".equals(error.getParam()) && error.getPaymentIntent() != null) {
                // An unusable payment method is the shopper's to fix, like a decline.
                return new PaymentAttempt(error.getPaymentIntent().getId(), PaymentStatus.DECLINED,
                        error.getPaymentIntent().getClientSecret(), invalid.getCode(), error.getMessage());
            }
            throw failure("request", invalid);
        } catch (StripeException e) {
            throw failure("request", e);
        }
    }

    private static PaymentProviderException failure(String what, StripeException e) {
        boolean retryable = e instanceof ApiConnectionException || e instanceof RateLimitException
                || e instanceof ApiException || (e.getStatusCode() != null && e.getStatusCode() >= 500)
                || e instanceof com.stripe.exception.AuthenticationException;
        return new PaymentProviderException("Stripe " + what + " failed (" + e.getStatusCode() + ", "
                + e.getCode() + ", request " + e.getRequestId() + "): " + e.getMessage(), retryable, e);
    }

    static PaymentAttempt attempt(PaymentIntent intent) {
        PaymentStatus status = StripeStatuses.of(intent.getStatus());
        String code = null;
        String message = null;
        if (status == PaymentStatus.DECLINED && intent.getLastPaymentError() != null) {
            StripeError error = intent.getLastPaymentError();
            code = error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
            message = error.getMessage();
        }
        return new PaymentAttempt(intent.getId(), status, intent.getClientSecret(), code, message);
    }

    @FunctionalInterface
    private interface StripeCall {
        PaymentIntent run() throws StripeException;
    }
}
