package com.styleshepherd.api.logging;

import com.styleshepherd.temporal.LogContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/** Puts the authenticated caller's id (the token's subject) in the log context, once security ran. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class UserIdFilter implements Ordered {

    @RequestFilter
    void assignUser(HttpRequest<?> request, MutablePropagatedContext context) {
        request.getUserPrincipal().ifPresent(user -> RequestLogContext.put(context, LogContext.USER_ID, user.getName()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
