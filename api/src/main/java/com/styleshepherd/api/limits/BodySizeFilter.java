package com.styleshepherd.api.limits;

import com.styleshepherd.api.problem.ProblemBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * A body whose {@code Content-Length} is over its path's limit ({@link BodyLimits}) is answered 413
 * problem+json before it is read, and no controller runs. A body without a length (chunked) is counted
 * as it arrives by {@link ChunkedBodyLimit}.
 */
@ServerFilter("/**")
final class BodySizeFilter {

    private final BodyLimits limits;

    BodySizeFilter(BodyLimits limits) {
        this.limits = limits;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        long limit = limits.of(request.getPath());
        if (length > limit) {
            return ProblemBody.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "The body is " + length + " bytes; " + request.getPath() + " accepts at most " + limit + ".");
        }
        return null;
    }
}
