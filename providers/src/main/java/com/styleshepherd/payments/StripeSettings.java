package com.styleshepherd.payments;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Stripe configuration, from {@code stripe.*} (environment: {@code STRIPE_SECRET_KEY},
 * {@code STRIPE_WEBHOOK_SECRET}). Without a secret key, dev and tests use the {@link PaymentSimulator}.
 *
 * @param secretKey the API key ({@code sk_live_...} / {@code sk_test_...})
 * @param webhookSecret the endpoint's signing secret ({@code whsec_...})
 * @param apiBase Stripe's API host (tests point it at a local fake)
 * @param webhookTolerance how old a signed webhook may be
 */
@ConfigurationProperties("stripe")
public record StripeSettings(
        @Nullable String secretKey,
        @Nullable String webhookSecret,
        @Bindable(defaultValue = "https://api.stripe.com") String apiBase,
        @Bindable(defaultValue = "5m") Duration webhookTolerance) {
}
