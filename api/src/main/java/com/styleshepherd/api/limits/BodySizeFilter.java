package com.styleshepherd.api.limits;

import com.styleshepherd.api.problem.ProblemBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;

/**
 * The server accepts bodies up to 64 MB for its two upload endpoints; every other request body is
 * limited to 1 MB here, by its {@code Content-Length}, before it is read: 413 problem+json.
 */
@ServerFilter("/api/**")
final class BodySizeFilter {

    static final long DEFAULT_LIMIT = 1024 * 1024;
    /** Upload endpoints and their own limit (they check the size they actually received too). */
    static final Map<String, Long> UPLOADS = Map.of(
            "/api/ops/products/import", 64L * 1024 * 1024,
            "/api/search/visual", 8L * 1024 * 1024 + 64 * 1024);
    /** Spoken turns: a WAV clip (styleshepherd.conversation.max-audio-size, 2 MB by default) in a multipart body. */
    static final java.util.regex.Pattern TURNS = java.util.regex.Pattern.compile("/api/conversations/[^/]+/turns");
    static final long TURN_LIMIT = 2L * 1024 * 1024 + 64 * 1024;

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        long limit = TURNS.matcher(request.getPath()).matches() ? TURN_LIMIT
                : UPLOADS.getOrDefault(request.getPath(), DEFAULT_LIMIT);
        if (length > limit) {
            return ProblemBody.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "The body is " + length + " bytes; " + request.getPath() + " accepts at most " + limit + ".");
        }
        return null;
    }
}
