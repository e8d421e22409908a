package com.styleshepherd.temporal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The business ids every log line carries, as SLF4J MDC entries: the HTTP request that started the
 * work, the shopper, and the checkout. The api sets them per request; {@link LogContextPropagator}
 * carries them into workflows and activities, where Temporal adds its own ({@code WorkflowId},
 * {@code RunId}, {@code ActivityType}, {@code Attempt}). So one {@code grep checkout=<id>} follows a
 * checkout from the request through every worker process that touched it.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String USER_ID = "userId";
    public static final String CHECKOUT_ID = "checkoutId";

    /** The keys that travel with workflows and activities, in log order. */
    public static final List<String> KEYS = List.of(REQUEST_ID, USER_ID, CHECKOUT_ID);

    private LogContext() {
    }

    /** This thread's values of {@link #KEYS} (absent keys left out). */
    public static Map<String, String> current() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = MDC.get(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    /** Makes exactly these values this thread's log context: keys not given are removed. */
    public static void replace(Map<String, String> values) {
        for (String key : KEYS) {
            String value = values.get(key);
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }

    /**
     * Sets one id until the returned scope closes, then restores what was there:
     * {@code try (var ignored = LogContext.with(CHECKOUT_ID, id)) { ... }}.
     */
    public static Scope with(String key, String value) {
        String previous = MDC.get(key);
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
        return () -> {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        };
    }

    /** Several ids at once, restored in reverse order. */
    public static Scope with(Map<String, String> values) {
        List<Scope> scopes = new ArrayList<>();
        values.forEach((key, value) -> scopes.add(with(key, value)));
        return () -> {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                scopes.get(i).close();
            }
        };
    }

    /** A scope of log-context values; closing it cannot fail. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
