package com.styleshepherd.shipping;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The carrier's webhook, from {@code carrier.*} (environment: {@code CARRIER_WEBHOOK_SECRET}).
 *
 * @param webhookSecret the secret the carrier signs its events with; without it, carrier webhooks are refused
 * @param webhookTolerance how far a signature's timestamp may be from now, either way
 */
@ConfigurationProperties("carrier")
public record CarrierSettings(
        @Nullable String webhookSecret,
        @Bindable(defaultValue = "5m") Duration webhookTolerance) {
}
