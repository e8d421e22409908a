package com.styleshepherd.cache;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A shopper's live session with the stylist (24 h, refreshed on activity).
 *
 * @param sessionId the conversation or browsing session id
 * @param userId the shopper (token subject)
 * @param startedAt when the session began
 * @param lastSeenAt the last request in it
 */
@Serdeable
public record ShopperSession(String sessionId, String userId, Instant startedAt, Instant lastSeenAt) {
}
