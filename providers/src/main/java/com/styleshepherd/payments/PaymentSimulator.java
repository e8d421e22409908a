package com.styleshepherd.payments;

import com.stripe.Stripe;
import com.stripe.net.Webhook;
import com.styleshepherd.cache.ValkeyStore;
import com.styleshepherd.cache.ValkeyStores;
import com.styleshepherd.workflows.checkout.PaymentAttempt;
import com.styleshepherd.workflows.checkout.PaymentCharge;
import com.styleshepherd.workflows.checkout.PaymentStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LOCAL PAYMENT SIMULATOR — not a payment provider; no money moves. Used by the {@code dev} and
 * {@code test} environments when no {@code stripe.secret-key} is set. It behaves like Stripe's test
 * mode for Stripe's test payment methods:
 * <ul>
 *   <li>{@code pm_card_visa} (and any other {@code pm_...}): succeeds;</li>
 *   <li>{@code pm_card_chargeDeclined}, {@code pm_card_chargeDeclinedInsufficientFunds},
 *       {@code pm_card_chargeDeclinedExpiredCard}: declined;</li>
 *   <li>{@code pm_card_threeDSecure2Required}, {@code pm_card_authenticationRequired}: requires action
 *       until {@link #completeAction} plays the shopper finishing 3-D Secure.</li>
 * </ul>
 * Intents live in Valkey (7 days), so every process of the dev stack sees the same ones; idempotency
 * keys make repeated calls return the same intent, as Stripe's do.
 */
@Singleton
@Requires(env = {"dev", "test"})
@Requires(missingProperty = "stripe.secret-key")
public class PaymentSimulator implements PaymentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSimulator.class);
    private static final Map<String, String[]> DECLINES = Map.of(
            "pm_card_chargedeclined", new String[] {"generic_decline", "Your card was declined."},
            "pm_card_visa_chargedeclined", new String[] {"generic_decline", "Your card was declined."},
            "pm_card_chargedeclinedinsufficientfunds", new String[] {"insufficient_funds", "Your card has insufficient funds."},
            "pm_card_chargedeclinedexpiredcard", new String[] {"expired_card", "Your card has expired."});
    private static final List<String> NEEDS_ACTION =
            List.of("pm_card_threedsecure2required", "pm_card_authenticationrequired");

    private final ValkeyStore<SimulatedIntent> intents;
    /** Refunds by idempotency key, and each intent's refunds by intent id. */
    private final ValkeyStore<SimulatedRefund> refundsByKey;
    private final ValkeyStore<SimulatedRefunds> refundsByIntent;
    private final StripeSettings settings;
    private final JsonMapper json;

    /**
     * How long a refund's answer takes after the refund was made (default none): crash tests kill a worker in
     * that moment, when the provider has refunded and the worker has not heard.
     */
    private final Duration refundAnswerDelay;

    PaymentSimulator(ValkeyStores stores, StripeSettings settings, JsonMapper json,
            @Value("${styleshepherd.payment-simulator.refund-answer-delay:0s}") Duration refundAnswerDelay) {
        this.refundAnswerDelay = refundAnswerDelay;
        this.intents = stores.store("payment-simulator", SimulatedIntent.class, Duration.ofDays(7));
        this.refundsByKey = stores.store("payment-simulator-refund", SimulatedRefund.class, Duration.ofDays(7));
        this.refundsByIntent = stores.store("payment-simulator-refunds", SimulatedRefunds.class, Duration.ofDays(7));
        this.settings = settings;
        this.json = json;
        LOG.warn("LOCAL PAYMENT SIMULATOR in use: no payment provider is called and no money moves");
    }

    @Override
    public String provider() {
        return "simulator";
    }

    @Override
    public PaymentAttempt createAndConfirm(PaymentCharge charge, String idempotencyKey) {
        // The intent id follows from the idempotency key: a repeated create finds the intent it made.
        String id = "pi_sim_" + digest(idempotencyKey).substring(0, 24);
        Optional<SimulatedIntent> existing = intents.get(id);
        if (existing.isPresent()) {
            return attempt(existing.get());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("checkout_id", charge.checkoutId().toString());
        metadata.put("workflow_id", charge.workflowId());
        metadata.put("shopper_id", charge.shopperId());
        SimulatedIntent created = new SimulatedIntent(id, MinorUnits.of(charge.amount(), charge.currency()),
                charge.currency().toLowerCase(Locale.ROOT), "requires_payment_method", null,
                id + "_secret_" + digest(id).substring(0, 16), metadata, null, null, false, List.of());
        SimulatedIntent confirmed = applyPaymentMethod(created, charge.paymentMethod(), idempotencyKey);
        intents.put(id, confirmed);
        return attempt(confirmed);
    }

    @Override
    public PaymentAttempt confirm(String paymentIntentId, String paymentMethod, String idempotencyKey) {
        SimulatedIntent intent = find(paymentIntentId);
        if (intent.appliedKeys().contains(idempotencyKey)) {
            return attempt(intent);
        }
        if (!intent.status().equals("requires_payment_method")) {
            throw new PaymentProviderException("payment_intent_unexpected_state: " + paymentIntentId + " is "
                    + intent.status(), false, null);
        }
        SimulatedIntent confirmed = applyPaymentMethod(intent, paymentMethod, idempotencyKey);
        intents.put(paymentIntentId, confirmed);
        return attempt(confirmed);
    }

    @Override
    public PaymentAttempt retrieve(String paymentIntentId) {
        return attempt(find(paymentIntentId));
    }

    @Override
    public PaymentAttempt cancel(String paymentIntentId, String idempotencyKey) {
        SimulatedIntent intent = find(paymentIntentId);
        if (intent.status().equals("succeeded")) {
            throw new PaymentProviderException("payment_intent_unexpected_state: " + paymentIntentId
                    + " has succeeded; refund it instead", false, null);
        }
        SimulatedIntent cancelled = intent.with("canceled", intent.paymentMethod(), null, null, false, idempotencyKey);
        intents.put(paymentIntentId, cancelled);
        return attempt(cancelled);
    }

    @Override
    public PaymentAttempt refund(String paymentIntentId, String idempotencyKey) {
        SimulatedIntent intent = find(paymentIntentId);
        if (!intent.status().equals("succeeded")) {
            throw new PaymentProviderException("charge_not_refundable: " + paymentIntentId + " is " + intent.status(),
                    false, null);
        }
        intents.put(paymentIntentId, intent.with("succeeded", intent.paymentMethod(), null, null, true, idempotencyKey));
        return new PaymentAttempt(paymentIntentId, PaymentStatus.REFUNDED, null, null, null);
    }

    /**
     * Refunds part of a succeeded intent, as Stripe does: the same key is the same refund; more than is left
     * to refund is refused ({@code amount_too_large}). Serialized in this process: the simulator is one
     * process's stand-in, not a shared service.
     */
    @Override
    public ProviderRefund refundAmount(String paymentIntentId, java.math.BigDecimal amount, String currency,
            String idempotencyKey) {
        ProviderRefund made = makeRefund(paymentIntentId, amount, currency, idempotencyKey);
        if (!refundAnswerDelay.isZero()) {
            try {
                Thread.sleep(refundAnswerDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return made;
    }

    private synchronized ProviderRefund makeRefund(String paymentIntentId, java.math.BigDecimal amount,
            String currency, String idempotencyKey) {
        Optional<SimulatedRefund> made = refundsByKey.get(idempotencyKey);
        if (made.isPresent()) {
            return new ProviderRefund(made.get().id(), made.get().amount(), made.get().status());
        }
        SimulatedIntent intent = find(paymentIntentId);
        if (!intent.status().equals("succeeded") || intent.refunded()) {
            throw new PaymentProviderException("charge_not_refundable: " + paymentIntentId + " is "
                    + (intent.refunded() ? "refunded" : intent.status()), false, null);
        }
        long minor = MinorUnits.of(amount, currency);
        SimulatedRefunds before = refundsByIntent.get(paymentIntentId).orElse(new SimulatedRefunds(List.of()));
        if (minor <= 0 || before.total() + minor > intent.amount()) {
            throw new PaymentProviderException("amount_too_large: refund of " + minor + " exceeds the "
                    + (intent.amount() - before.total()) + " left on " + paymentIntentId, false, null);
        }
        SimulatedRefund refund = new SimulatedRefund("re_sim_" + digest(idempotencyKey).substring(0, 24),
                paymentIntentId, minor, "succeeded");
        List<SimulatedRefund> after = new java.util.ArrayList<>(before.refunds());
        after.add(refund);
        refundsByIntent.put(paymentIntentId, new SimulatedRefunds(List.copyOf(after)));
        refundsByKey.put(idempotencyKey, refund);
        if (before.total() + minor == intent.amount()) {
            intents.put(paymentIntentId, intent.with("succeeded", intent.paymentMethod(), null, null, true,
                    idempotencyKey));
        }
        LOG.info("Simulated refund {} of {} on {}", refund.id(), minor, paymentIntentId);
        return new ProviderRefund(refund.id(), refund.amount(), refund.status());
    }

    /** The refunds made on an intent (for tests: money moved once). */
    public List<ProviderRefund> refundsOf(String paymentIntentId) {
        return refundsByIntent.get(paymentIntentId).map(SimulatedRefunds::refunds).orElse(List.of()).stream()
                .map(refund -> new ProviderRefund(refund.id(), refund.amount(), refund.status())).toList();
    }

    /**
     * Plays the shopper finishing (or failing) 3-D Secure for an intent that requires action, and returns
     * the webhook Stripe would send, signed with {@code stripe.webhook-secret}. Empty when there is no
     * such intent.
     */
    public Optional<SignedWebhook> completeAction(String paymentIntentId, boolean authenticated) {
        Optional<SimulatedIntent> found = intents.get(paymentIntentId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SimulatedIntent intent = found.get();
        if (intent.status().equals("requires_action")) {
            intent = authenticated
                    ? intent.with("succeeded", intent.paymentMethod(), null, null, false, null)
                    : intent.with("requires_payment_method", null, "authentication_required",
                            "The customer did not complete 3-D Secure.", false, null);
            intents.put(paymentIntentId, intent);
        }
        String type = switch (intent.status()) {
            case "succeeded" -> "payment_intent.succeeded";
            case "canceled" -> "payment_intent.canceled";
            case "requires_payment_method" -> "payment_intent.payment_failed";
            default -> "payment_intent.requires_action";
        };
        return Optional.of(sign(event(type, intent)));
    }

    private SimulatedIntent applyPaymentMethod(SimulatedIntent intent, String paymentMethod, String idempotencyKey) {
        String method = paymentMethod.toLowerCase(Locale.ROOT);
        String[] decline = DECLINES.get(method);
        if (decline != null) {
            return intent.with("requires_payment_method", null, decline[0], decline[1], false, idempotencyKey);
        }
        if (NEEDS_ACTION.contains(method)) {
            return intent.with("requires_action", paymentMethod, null, null, false, idempotencyKey);
        }
        return intent.with("succeeded", paymentMethod, null, null, false, idempotencyKey);
    }

    private SimulatedIntent find(String paymentIntentId) {
        return intents.get(paymentIntentId).orElseThrow(() -> new PaymentProviderException(
                "resource_missing: no payment intent " + paymentIntentId, false, null));
    }

    private static PaymentAttempt attempt(SimulatedIntent intent) {
        // A refunded intent stays "succeeded" at Stripe; the refund is its own object.
        PaymentStatus status = intent.refunded() ? PaymentStatus.REFUNDED : StripeStatuses.of(intent.status());
        return new PaymentAttempt(intent.id(), status, intent.clientSecret(), intent.declineCode(), intent.declineMessage());
    }

    private String event(String type, SimulatedIntent intent) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", intent.id());
        object.put("object", "payment_intent");
        object.put("amount", intent.amount());
        object.put("currency", intent.currency());
        object.put("status", intent.status());
        object.put("client_secret", intent.clientSecret());
        object.put("metadata", intent.metadata());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_sim_" + UUID.randomUUID().toString().replace("-", ""));
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", Instant.now().getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        event.put("data", Map.of("object", object));
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SignedWebhook sign(String payload) {
        if (settings.webhookSecret() == null) {
            throw new IllegalStateException("stripe.webhook-secret is not set: the simulator cannot sign webhooks");
        }
        try {
            return new SignedWebhook(payload, Webhook.Signature.generateSignatureHeader(payload, settings.webhookSecret()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
