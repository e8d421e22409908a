package com.styleshepherd.api.limits;

import com.styleshepherd.api.conversations.ConversationSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The most bytes a request body may have, by path: 1 MB for JSON and anything else
 * ({@code styleshepherd.http.max-body-size}); the upload endpoints their own, from the settings each endpoint
 * checks the file it received against, plus 64 KB for the multipart around it. The server itself refuses
 * anything over {@code micronaut.server.max-request-size} (64 MB, the catalog import's limit).
 */
@Singleton
final class BodyLimits {

    /** The multipart framing around an uploaded file: boundaries, part headers, other small parts. */
    static final long MULTIPART_MARGIN = 64 * 1024;
    /** Spoken turns: a WAV clip in a multipart body. */
    static final Pattern TURNS = Pattern.compile("/api/conversations/[^/]+/turns");
    /** A product's picture uploaded by ops: a picture in a multipart body. */
    static final Pattern PRODUCT_IMAGE = Pattern.compile("/api/ops/products/[^/]+/image");

    private final long defaultLimit;
    private final long turnLimit;
    private final long productImageLimit;
    private final Map<String, Long> uploads;

    BodyLimits(@Value("${styleshepherd.http.max-body-size:1MB}") @ReadableBytes long defaultLimit,
            @Value("${styleshepherd.search.max-image-size:8MB}") @ReadableBytes long maxImage,
            @Value("${styleshepherd.catalog.import.max-size:64MB}") @ReadableBytes long maxImport,
            ConversationSettings conversations,
            @Value("${styleshepherd.catalog.max-image-size:8MB}") @ReadableBytes long maxProductImage) {
        this.productImageLimit = maxProductImage + MULTIPART_MARGIN;
        this.defaultLimit = defaultLimit;
        this.turnLimit = conversations.maxAudioSize() + MULTIPART_MARGIN;
        this.uploads = Map.of(
                "/api/ops/products/import", maxImport + MULTIPART_MARGIN,
                "/api/search/visual", maxImage + MULTIPART_MARGIN);
    }

    /** The limit for a body sent to {@code path} (no query string). */
    long of(String path) {
        if (PRODUCT_IMAGE.matcher(path).matches()) {
            return productImageLimit;
        }
        return TURNS.matcher(path).matches() ? turnLimit : uploads.getOrDefault(path, defaultLimit);
    }
}
