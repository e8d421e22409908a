package com.styleshepherd.cache;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Shopper sessions in Valkey: they live 24 hours after the last activity. */
@Singleton
public final class SessionStore {

    public static final Duration TTL = Duration.ofHours(24);

    private final ValkeyStore<ShopperSession> sessions;
    private final Clock clock;

    @Inject
    SessionStore(ValkeyStores stores) {
        this(stores, Clock.systemUTC());
    }

    SessionStore(ValkeyStores stores, Clock clock) {
        this.sessions = stores.store("session", ShopperSession.class, TTL);
        this.clock = clock;
    }

    public ShopperSession open(String sessionId, String userId) {
        Instant now = clock.instant();
        ShopperSession session = new ShopperSession(sessionId, userId, now, now);
        sessions.put(sessionId, session);
        return session;
    }

    /** The session, with its last activity moved to now and its 24 hours restarted. */
    public Optional<ShopperSession> touch(String sessionId) {
        return sessions.get(sessionId).map(session -> {
            ShopperSession seen = new ShopperSession(session.sessionId(), session.userId(), session.startedAt(),
                    clock.instant());
            sessions.put(sessionId, seen);
            return seen;
        });
    }

    public Optional<ShopperSession> find(String sessionId) {
        return sessions.get(sessionId);
    }

    public Optional<Duration> timeToLive(String sessionId) {
        return sessions.timeToLive(sessionId);
    }

    public boolean close(String sessionId) {
        return sessions.delete(sessionId);
    }
}
