package com.styleshepherd.api.catalog;

import com.styleshepherd.inference.ImageDecoder;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * What the shop accepts as a product's picture, for the ops upload and the catalog import alike: at most
 * {@code styleshepherd.catalog.max-image-size} (8 MB), a JPEG, PNG or WebP picture by its bytes (never by a
 * file name or a client's content type), that decodes within the decoder's pixel limits.
 */
@Singleton
public class ProductPictures {

    private static final Map<ImageDecoder.Format, String> CONTENT_TYPES = Map.of(
            ImageDecoder.Format.JPEG, "image/jpeg", ImageDecoder.Format.PNG, "image/png",
            ImageDecoder.Format.WEBP, "image/webp");

    private final long maxBytes;

    ProductPictures(@Value("${styleshepherd.catalog.max-image-size:8MB}") @ReadableBytes long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The picture's content type.
     *
     * @throws Refused with 413 when it is too large, 415 when it is no JPEG, PNG or WebP, 400 when it is
     *     damaged or too many pixels; its message says which, for the client
     */
    public String contentType(byte[] bytes) {
        if (bytes.length == 0) {
            throw new Refused(HttpStatus.BAD_REQUEST, "is empty: a JPEG, PNG or WebP picture is needed");
        }
        if (bytes.length > maxBytes) {
            throw new Refused(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "is " + bytes.length + " bytes; at most " + maxBytes + " are accepted");
        }
        ImageDecoder.Format format = ImageDecoder.sniff(bytes).orElseThrow(() ->
                new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "is not a JPEG, PNG or WebP picture"));
        try {
            ImageDecoder.decode(bytes);
        } catch (ImageDecoder.UnreadableImageException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return CONTENT_TYPES.get(format);
    }

    /** A picture the shop does not take: the status to answer and why, for the client. */
    public static final class Refused extends RuntimeException {

        private final HttpStatus status;

        Refused(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }
}
