package com.styleshepherd.temporal;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.context.ContextPropagator;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries the {@link LogContext} ids in Temporal headers: from the client that starts a workflow (or
 * signals it) into the workflow's threads, and from the workflow into every activity it schedules, in
 * whichever worker process runs it. Registered once, on the {@code WorkflowClient}; workers built from
 * that client inherit it.
 */
public final class LogContextPropagator implements ContextPropagator {

    private static final String HEADER_PREFIX = "log-context-";
    private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

    @Override
    public String getName() {
        return "style-shepherd-log-context";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Payload> serializeContext(Object context) {
        Map<String, Payload> header = new HashMap<>();
        ((Map<String, String>) context).forEach((key, value) ->
                CONVERTER.toPayload(value).ifPresent(payload -> header.put(HEADER_PREFIX + key, payload)));
        return header;
    }

    @Override
    public Object deserializeContext(Map<String, Payload> header) {
        Map<String, String> context = new HashMap<>();
        for (String key : LogContext.KEYS) {
            Payload payload = header.get(HEADER_PREFIX + key);
            if (payload != null) {
                context.put(key, CONVERTER.fromPayload(payload, String.class, String.class));
            }
        }
        return context;
    }

    @Override
    public Object getCurrentContext() {
        return LogContext.current();
    }

    /**
     * Replaces, not merges: activity threads are pooled, so an id this task does not carry must not
     * linger from the previous task.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void setCurrentContext(Object context) {
        LogContext.replace((Map<String, String>) context);
    }
}
