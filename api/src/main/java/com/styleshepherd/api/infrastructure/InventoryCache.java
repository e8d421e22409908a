package com.styleshepherd.api.infrastructure;

import com.styleshepherd.api.infrastructure.InfrastructureProviderFailure.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The last inventory, kept for a short time, so that a dashboard refreshing every few seconds (or several ops
 * at once) costs Vultr one read per {@code ttl}. One read at a time: requests that find the inventory stale
 * while a read is under way wait for that read and share its answer, or its failure. After a 429 no read is
 * tried until Vultr's {@code Retry-After} has passed; requests until then get the same 503 at once.
 */
final class InventoryCache {

    private final Supplier<InfrastructureInventory> read;
    private final Duration ttl;
    private final Clock clock;

    private InfrastructureInventory latest;
    private CompletableFuture<InfrastructureInventory> inFlight;
    private InfrastructureProviderFailure rateLimited;
    private Instant rateLimitedUntil = Instant.MIN;

    InventoryCache(Supplier<InfrastructureInventory> read, Duration ttl, Clock clock) {
        this.read = read;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The inventory, at most {@code ttl} old, with its age. */
    InfrastructureInventory get() {
        CompletableFuture<InfrastructureInventory> shared;
        boolean reader = false;
        synchronized (this) {
            Instant now = clock.instant();
            if (latest != null && Duration.between(latest.fetchedAt(), now).compareTo(ttl) < 0) {
                return withAge(latest, now);
            }
            if (now.isBefore(rateLimitedUntil)) {
                throw new InfrastructureProviderFailure(Reason.RATE_LIMITED, rateLimited.call(), rateLimited.status(),
                        secondsUntil(rateLimitedUntil, now), "Vultr's rate limit: no read before " + rateLimitedUntil,
                        null);
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                reader = true;
            }
            shared = inFlight;
        }
        if (reader) {
            read(shared);
        }
        try {
            return withAge(shared.join(), clock.instant());
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    /** Forgets the inventory and any rate limit (a new key, or a test starting afresh). */
    synchronized void forget() {
        latest = null;
        rateLimited = null;
        rateLimitedUntil = Instant.MIN;
    }

    private void read(CompletableFuture<InfrastructureInventory> shared) {
        try {
            InfrastructureInventory inventory = read.get();
            synchronized (this) {
                latest = inventory;
                inFlight = null;
            }
            shared.complete(inventory);
        } catch (RuntimeException | Error failure) {
            synchronized (this) {
                if (failure instanceof InfrastructureProviderFailure provider && provider.reason() == Reason.RATE_LIMITED
                        && provider.retryAfter() != null) {
                    rateLimited = provider;
                    rateLimitedUntil = clock.instant().plus(provider.retryAfter());
                }
                inFlight = null;
            }
            shared.completeExceptionally(failure);
        }
    }

    private static InfrastructureInventory withAge(InfrastructureInventory inventory, Instant now) {
        long age = Math.max(0, Duration.between(inventory.fetchedAt(), now).toSeconds());
        return new InfrastructureInventory(inventory.provider(), inventory.configured(), inventory.fetchedAt(), age,
                inventory.account(), inventory.databases(), inventory.valkey(), inventory.instances(),
                inventory.kubernetesClusters(), inventory.detail(), inventory.localComponents());
    }

    /** Whole seconds until {@code until}, at least one. */
    private static Duration secondsUntil(Instant until, Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
    }
}
