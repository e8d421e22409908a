package com.styleshepherd.api.input;

import com.styleshepherd.api.problem.ProblemBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Map;

/**
 * A query parameter given with no value ({@code ?page=}, {@code ?page}) is refused, 400 naming it, rather
 * than taken as absent: the document gives every parameter a type or pattern that an empty value does not
 * meet, and a client that sends one has a bug worth hearing about. A parameter that is not wanted is left
 * out. Runs after authentication, so that a caller without a token still learns that first.
 */
@ServerFilter("/api/**")
final class EmptyQueryValueFilter implements Ordered {

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseEmptyValues(HttpRequest<?> request) {
        List<String> empty = request.getParameters().names().stream()
                .filter(name -> request.getParameters().getAll(name).stream().anyMatch(String::isEmpty))
                .sorted()
                .toList();
        if (empty.isEmpty()) {
            return null;
        }
        var response = ProblemBody.response(HttpStatus.BAD_REQUEST, "A query parameter has no value: leave it out"
                + " instead (" + String.join(", ", empty) + ").");
        response.body().put("violations", empty.stream()
                .map(name -> Map.of("field", name, "message", "must not be empty")).toList());
        return response;
    }

    /** After authentication and the rate limit, before the controllers. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 20;
    }
}
