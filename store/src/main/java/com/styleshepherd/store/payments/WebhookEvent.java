package com.styleshepherd.store.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** A row of {@code stripe_webhook_events}: a Stripe event as received, and when it was processed. */
@MappedEntity("stripe_webhook_events")
record WebhookEvent(
        @Id String eventId,
        String type,
        @TypeDef(type = DataType.JSON) String payload,
        Instant receivedAt,
        @Nullable Instant processedAt) {
}
