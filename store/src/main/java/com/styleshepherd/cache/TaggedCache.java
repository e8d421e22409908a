package com.styleshepherd.cache;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one read-through cache over Valkey: get-or-compute with a TTL, entries tagged (e.g.
 * {@code shopper:42}, {@code catalog}), and invalidation of a tag in one atomic step.
 *
 * <p><b>Generational tags.</b> Each tag has a version counter ({@code ss:tagver:<tag>}). An entry is
 * stored with the versions its tags had <em>before</em> its value was computed; a read is a hit only
 * when all of them are still current. Invalidating a tag is one {@code INCR}: atomic, O(1), and it also
 * defeats the classic race in which a value computed from data read before the invalidation is written
 * after it (a tag set of keys, read-appended-written back, loses exactly that race). A tag's counter is
 * kept at least as long as any entry stored under it, so a counter never expires back to a version an
 * entry still carries.
 *
 * <p>Metrics: {@code cache.gets{cache,result=hit|miss}} and {@code cache.invalidations{cache}}.
 */
@Singleton
public final class TaggedCache {

    private static final Logger LOG = LoggerFactory.getLogger(TaggedCache.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** A counter created by an invalidation, before any entry extends it, lives this long. */
    static final Duration IDLE_TAG_TTL = Duration.ofDays(1);

    /** KEYS[1] = entry, KEYS[2..] = tag counters: the stored entry, then each counter's value. */
    private static final String READ = """
            local out = {redis.call('GET', KEYS[1]) or false}
            for i = 2, #KEYS do out[i] = redis.call('GET', KEYS[i]) or '0' end
            return out
            """;

    /**
     * KEYS[1] = entry, KEYS[2..] = tag counters; ARGV[1] = entry JSON, ARGV[2] = TTL ms. Stores the entry
     * and makes each counter outlive it (a missing counter is version 0, created here).
     */
    private static final String WRITE = """
            local ttl = tonumber(ARGV[2])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
            for i = 2, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 0 then redis.call('SET', KEYS[i], '0') end
              local left = redis.call('PTTL', KEYS[i])
              if left == -1 or left < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
            end
            return 1
            """;

    /** KEYS[1] = tag counter; ARGV[1] = TTL ms for a counter that did not exist. */
    private static final String INVALIDATE = """
            local v = redis.call('INCR', KEYS[1])
            if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return v
            """;

    private final RedisCommands<String, String> redis;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

    TaggedCache(StatefulRedisConnection<String, String> connection, JsonMapper json, MeterRegistry meters) {
        this.redis = connection.sync();
        this.json = json;
        this.meters = meters;
    }

    /** What is stored: the value as JSON and the tag versions it was computed under. */
    @Serdeable
    record Entry(String value, Map<String, Long> versions) {
    }

    /**
     * The cached value of {@code key} in {@code cache}, or {@code compute}'s, which is then stored for
     * {@code ttl} under {@code tags}. A null from {@code compute} is returned and not stored.
     */
    public <T> T getOrCompute(String cache, String key, Argument<T> type, Duration ttl, Set<String> tags,
            Supplier<T> compute) {
        String entryKey = entryKey(cache, key);
        // Tags in one order: READ answers their versions in the order of their keys.
        List<String> sortedTags = List.copyOf(new TreeSet<>(tags));
        List<String> keys = new ArrayList<>(sortedTags.size() + 1);
        keys.add(entryKey);
        sortedTags.forEach(tag -> keys.add(tagKey(tag)));
        List<Object> read;
        try {
            read = redis.eval(READ, ScriptOutputType.MULTI, keys.toArray(String[]::new));
        } catch (RedisException unavailable) {
            // A cache, not a dependency: while Valkey is down every read is a miss and nothing is stored.
            unavailable(cache, unavailable);
            return compute.get();
        }
        Map<String, Long> current = new TreeMap<>();
        for (int i = 0; i < sortedTags.size(); i++) {
            current.put(sortedTags.get(i), Long.parseLong(String.valueOf(read.get(i + 1))));
        }
        Object stored = read.get(0);
        if (stored != null && !Boolean.FALSE.equals(stored)) {
            T hit = readHit(entryKey, (String) stored, current, type);
            if (hit != null) {
                count(cache)[0].increment();
                return hit;
            }
        }
        count(cache)[1].increment();
        T value = compute.get();
        if (value != null) {
            String entry = write(new Entry(write(value, type), current));
            try {
                redis.eval(WRITE, ScriptOutputType.INTEGER, keys.toArray(String[]::new), entry,
                        String.valueOf(ttl.toMillis()));
            } catch (RedisException unavailable) {
                unavailable(cache, unavailable);
            }
        }
        return value;
    }

    /** The tag of everything cached about one shopper (profile, recommendations). */
    public static String shopperTag(String userId) {
        return "shopper:" + userId;
    }

    /**
     * Invalidates everything cached about the shopper: called after their profile, orders, returns or
     * memories change (after the commit: a lost invalidation leaves an entry at most its TTL old, never
     * lost data).
     */
    public long invalidateShopper(String userId) {
        return invalidate("shopper", shopperTag(userId));
    }

    /**
     * Invalidates every entry stored under the tag, in one atomic step; returns the tag's new version, or -1
     * when Valkey is unavailable (the entries then live out their TTL, as after any lost invalidation).
     */
    public long invalidate(String cache, String tag) {
        long version;
        try {
            version = redis.eval(INVALIDATE, ScriptOutputType.INTEGER, new String[] {tagKey(tag)},
                    String.valueOf(IDLE_TAG_TTL.toMillis()));
        } catch (RedisException unavailable) {
            unavailable(cache, unavailable);
            return -1;
        }
        invalidations(cache).increment();
        return version;
    }

    private void unavailable(String cache, RedisException e) {
        meters.counter("cache.errors", "cache", cache).increment();
        LOG.warn("Cache {} unavailable, served without it: {}", cache, e.getMessage());
    }

    private <T> T readHit(String entryKey, String stored, Map<String, Long> current, Argument<T> type) {
        try {
            Entry entry = json.readValue(stored, Entry.class);
            if (!entry.versions().equals(current)) {
                return null;
            }
            return json.readValue(entry.value(), type);
        } catch (IOException | RuntimeException unreadable) {
            LOG.warn("Dropping unreadable cache entry {}: {}", entryKey, unreadable.getMessage());
            redis.del(entryKey);
            return null;
        }
    }

    private static String entryKey(String cache, String key) {
        if (!NAME.matcher(cache).matches()) {
            throw new IllegalArgumentException("cache name must match " + NAME + ": " + cache);
        }
        Objects.requireNonNull(key, "key");
        return "ss:cache:" + cache + ":" + key;
    }

    private static String tagKey(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 200) {
            throw new IllegalArgumentException("tag must be 1 to 200 characters");
        }
        return "ss:tagver:" + tag;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> String write(T value, Argument<T> type) {
        try {
            return json.writeValueAsString(type, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Counter[] count(String cache) {
        return counters.computeIfAbsent(cache, name -> new Counter[] {
            Counter.builder("cache.gets").tag("cache", name).tag("result", "hit").register(meters),
            Counter.builder("cache.gets").tag("cache", name).tag("result", "miss").register(meters)});
    }

    private Counter invalidations(String cache) {
        return Counter.builder("cache.invalidations").tag("cache", cache).register(meters);
    }
}
