package com.styleshepherd.api.limits;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The most bytes a request body may have, by path: 1 MB for JSON and anything else; the upload endpoints
 * their own (each also checks the size of the file it actually received). The server itself refuses
 * anything over {@code micronaut.server.max-request-size} (64 MB, the catalog import's limit).
 */
final class BodyLimits {

    static final long DEFAULT_LIMIT = 1024 * 1024;
    /** Upload endpoints and their own limit. */
    static final Map<String, Long> UPLOADS = Map.of(
            "/api/ops/products/import", 64L * 1024 * 1024,
            "/api/search/visual", 8L * 1024 * 1024 + 64 * 1024);
    /** Spoken turns: a WAV clip (styleshepherd.conversation.max-audio-size, 2 MB by default) in a multipart body. */
    static final Pattern TURNS = Pattern.compile("/api/conversations/[^/]+/turns");
    static final long TURN_LIMIT = 2L * 1024 * 1024 + 64 * 1024;

    private BodyLimits() {
    }

    /** The limit for a body sent to {@code path} (no query string). */
    static long of(String path) {
        return TURNS.matcher(path).matches() ? TURN_LIMIT : UPLOADS.getOrDefault(path, DEFAULT_LIMIT);
    }
}
