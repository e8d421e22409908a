package com.styleshepherd.api.logging;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Adds an id (a {@code LogContext} key) to the request's log context: the MDC that Micronaut restores
 * on every thread that works on this request (event loop, blocking pool), and that
 * {@code LogContextPropagator} then carries into the workflows the request starts.
 */
final class RequestLogContext {

    private RequestLogContext() {
    }

    static void put(MutablePropagatedContext context, String key, String value) {
        Optional<MdcPropagationContext> current = context.getContext().find(MdcPropagationContext.class);
        Map<String, String> values = new HashMap<>(current.map(MdcPropagationContext::state).orElse(Map.of()));
        values.put(key, value);
        MdcPropagationContext updated = new MdcPropagationContext(values);
        if (current.isPresent()) {
            context.replace(current.get(), updated);
        } else {
            context.add(updated);
        }
    }
}
