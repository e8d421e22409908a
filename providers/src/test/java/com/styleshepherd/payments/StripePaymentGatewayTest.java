package com.styleshepherd.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;
import com.styleshepherd.workflows.checkout.PaymentStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StripePaymentGateway} against a local HTTP fake answering with Stripe's own request and
 * response shapes (form-encoded bodies, Idempotency-Key header, 402 card errors).
 */
class StripePaymentGatewayTest {

    private static final UUID CHECKOUT = UUID.fromString("5b0e6f5e-8a53-4f0e-9a47-6c1b1b0b8f01");
    private WireMockServer stripe;
    private StripePaymentGateway gateway;

    @BeforeEach
    void start() {
        stripe = new WireMockServer(wireMockConfig().dynamicPort());
        stripe.start();
        gateway = new StripePaymentGateway(new StripeSettings("sk_test_123", null, stripe.baseUrl(), Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    @Test
    void createsAndConfirmsAnIntentInMinorUnitsWithTheIdempotencyKey() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_1", "succeeded"))));

        PaymentAttempt attempt = gateway.createAndConfirm(charge("pm_card_visa"), "checkout-k/run/attempt-1");

        assertEquals(new PaymentAttempt("pi_1", PaymentStatus.SUCCEEDED, "pi_1_secret_abc", null, null), attempt);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer sk_test_123"))
                .withHeader("Idempotency-Key", equalTo("checkout-k/run/attempt-1"))
                .withFormParam("amount", equalTo("8900"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("payment_method", equalTo("pm_card_visa"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[checkout_id]", equalTo(CHECKOUT.toString()))
                .withFormParam("metadata[workflow_id]", equalTo("checkout-k")));
    }

    @Test
    void aCardErrorIsADeclineOnTheIntentNotAnException() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(402, """
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
                  "message": "Your card was declined.", "param": "",
                  "payment_intent": %s}}""".formatted(intent("pi_2", "requires_payment_method")))));

        PaymentAttempt attempt = gateway.createAndConfirm(charge("pm_card_chargeDeclined"), "k/attempt-1");

        assertEquals(PaymentStatus.DECLINED, attempt.status());
        assertEquals("pi_2", attempt.paymentIntentId());
        assertEquals("generic_decline", attempt.declineCode());
        assertEquals("Your card was declined.", attempt.declineMessage());
    }

    @Test
    void threeDSecureComesBackAsRequiresActionWithTheClientSecret() {
        stripe.stubFor(post("/v1/payment_intents").willReturn(json(200, intent("pi_3", "requires_action"))));

        PaymentAttempt attempt = gateway.createAndConfirm(charge("pm_card_threeDSecure2Required"), "k/attempt-1");

        assertEquals(PaymentStatus.REQUIRES_ACTION, attempt.status());
        assertEquals("pi_3_secret_abc", attempt.clientSecret());
    }

    @Test
    void aNewCardConfirmsTheSameIntent() {
        stripe.stubFor(post("/v1/payment_intents/pi_2/confirm").willReturn(json(200, intent("pi_2", "succeeded"))));

        PaymentAttempt attempt = gateway.confirm("pi_2", "pm_card_visa", "k/attempt-2");

        assertEquals(PaymentStatus.SUCCEEDED, attempt.status());
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents/pi_2/confirm"))
                .withHeader("Idempotency-Key", equalTo("k/attempt-2"))
                .withFormParam("payment_method", equalTo("pm_card_visa")));
    }

    @Test
    void retrievesCancelsAndRefunds() {
        stripe.stubFor(get("/v1/payment_intents/pi_4").willReturn(json(200, intent("pi_4", "requires_action"))));
        stripe.stubFor(post("/v1/payment_intents/pi_4/cancel").willReturn(json(200, intent("pi_4", "canceled"))));
        stripe.stubFor(post("/v1/refunds").willReturn(json(200, """
                {"id": "re_1", "object": "refund", "amount": 8900, "currency": "usd", "payment_intent": "pi_5",
                 "status": "succeeded"}""")));

        assertEquals(PaymentStatus.REQUIRES_ACTION, gateway.retrieve("pi_4").status());
        assertEquals(PaymentStatus.CANCELLED, gateway.cancel("pi_4", "void/pi_4/cancel").status());
        assertEquals(PaymentStatus.REFUNDED, gateway.refund("pi_5", "void/pi_5/refund").status());
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("void/pi_5/refund"))
                .withFormParam("payment_intent", equalTo("pi_5")));
    }

    @Test
    void aPartialRefundSendsTheAmountInMinorUnitsWithTheKeyDerivedFromTheReturn() {
        stripe.stubFor(post("/v1/refunds").willReturn(json(200, refund("re_2", 2500, "succeeded", null))));

        ProviderRefund refund = gateway.refundAmount("pi_6", new BigDecimal("25.00"), "USD",
                "refund-7f3c2a1e-return");

        assertEquals(new ProviderRefund("re_2", 2500, "succeeded"), refund);
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund-7f3c2a1e-return"))
                .withFormParam("payment_intent", equalTo("pi_6"))
                .withFormParam("amount", equalTo("2500")));
    }

    @Test
    void aPendingRefundCountsAsMadeAndAFailedOneIsRefusedForGood() {
        stripe.stubFor(post("/v1/refunds").withHeader("Idempotency-Key", equalTo("pending"))
                .willReturn(json(200, refund("re_3", 8900, "pending", null))));
        stripe.stubFor(post("/v1/refunds").withHeader("Idempotency-Key", equalTo("failed"))
                .willReturn(json(200, refund("re_4", 8900, "failed", "expired_or_canceled_card"))));

        assertEquals("pending", gateway.refundAmount("pi_7", new BigDecimal("89.00"), "USD", "pending").status());
        PaymentProviderException failed = assertThrows(PaymentProviderException.class,
                () -> gateway.refundAmount("pi_7", new BigDecimal("89.00"), "USD", "failed"));
        assertFalse(failed.retryable());
        assertTrue(failed.getMessage().contains("expired_or_canceled_card"), failed.getMessage());
    }

    @Test
    void aRefundOfMoreThanIsLeftIsRefusedForGoodAndAnOutageIsRetried() {
        // Stripe's answer to a refund past the charge: 400 invalid_request_error, code amount_too_large.
        stripe.stubFor(post("/v1/refunds").withHeader("Idempotency-Key", equalTo("too-much"))
                .willReturn(json(400, """
                        {"error": {"type": "invalid_request_error", "code": "amount_too_large", "param": "amount",
                          "message": "Refund amount ($90.00) is greater than unrefunded amount on charge ($89.00)"}}""")));
        stripe.stubFor(post("/v1/refunds").withHeader("Idempotency-Key", equalTo("outage"))
                .willReturn(json(503, """
                        {"error": {"type": "api_error", "message": "Service unavailable."}}""")));

        PaymentProviderException tooMuch = assertThrows(PaymentProviderException.class,
                () -> gateway.refundAmount("pi_8", new BigDecimal("90.00"), "USD", "too-much"));
        PaymentProviderException outage = assertThrows(PaymentProviderException.class,
                () -> gateway.refundAmount("pi_8", new BigDecimal("10.00"), "USD", "outage"));

        assertFalse(tooMuch.retryable());
        assertTrue(tooMuch.getMessage().contains("amount_too_large"), tooMuch.getMessage());
        assertTrue(outage.retryable());
    }

    /** A Stripe refund object, as {@code POST /v1/refunds} answers it. */
    static String refund(String id, long amount, String status, String failureReason) {
        return """
                {"id": "%s", "object": "refund", "amount": %d, "balance_transaction": "txn_1", "charge": "ch_1",
                 "created": 1765100000, "currency": "usd", "metadata": {}, "payment_intent": "pi_6",
                 "reason": "requested_by_customer", "receipt_number": null, "source_transfer_reversal": null,
                 "status": "%s", "failure_reason": %s, "transfer_reversal": null}"""
                .formatted(id, amount, status, failureReason == null ? "null" : "\"" + failureReason + "\"");
    }

    @Test
    void outagesAreRetryableAndRejectedRequestsAreNot() {
        stripe.stubFor(post("/v1/payment_intents").withHeader("Idempotency-Key", equalTo("outage"))
                .willReturn(json(500, """
                        {"error": {"type": "api_error", "message": "Something went wrong on Stripe's end."}}""")));
        stripe.stubFor(post("/v1/payment_intents").withHeader("Idempotency-Key", containing("reused"))
                .willReturn(json(400, """
                        {"error": {"type": "idempotency_error",
                          "message": "Keys for idempotent requests can only be used with the same parameters."}}""")));

        PaymentProviderException outage = assertThrows(PaymentProviderException.class,
                () -> gateway.createAndConfirm(charge("pm_card_visa"), "outage"));
        PaymentProviderException rejected = assertThrows(PaymentProviderException.class,
                () -> gateway.createAndConfirm(charge("pm_card_visa"), "reused"));

        assertTrue(outage.retryable());
        assertFalse(rejected.retryable(), rejected.getMessage());
    }

    private static PaymentCharge charge(String paymentMethod) {
        return new PaymentCharge(CHECKOUT, "shopper-1", "checkout-k", "checkout-k/run", 1, null,
                new BigDecimal("89.00"), "USD", paymentMethod);
    }

    private static String intent(String id, String status) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 8900, "currency": "usd", "status": "%s",
                 "client_secret": "%s_secret_abc", "payment_method_types": ["card"], "livemode": false,
                 "metadata": {"checkout_id": "%s", "workflow_id": "checkout-k"}}""".formatted(id, status, id, CHECKOUT);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test").withBody(body);
    }
}
