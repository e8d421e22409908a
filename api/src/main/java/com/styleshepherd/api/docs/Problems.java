package com.styleshepherd.api.docs;

import com.styleshepherd.api.problem.ProblemBody;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error responses of the OpenAPI document, declared once: each annotation here documents one status
 * with the {@link ProblemDocument Problem} body ({@code application/problem+json}), and the composites
 * ({@link Shopper}, {@link Ops}, {@link Public}, {@link Body}) bundle what a whole controller or every
 * operation with a body can answer. On a controller they apply to each of its operations; on a method, to
 * that operation. micronaut-openapi reads them as stereotypes of {@code @ApiResponse}, so the operation's
 * success response is still derived from its return type.
 *
 * <pre>
 * &#64;Problems.Shopper
 * class OrderController {
 *     &#64;Problems.NotFound
 *     &#64;Get("/{orderId}")
 *     OrderResponse find(...)
 * </pre>
 */
public final class Problems {

    private Problems() {
    }

    /** 400: The request is invalid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "400",
            description = "The request is invalid: `violations` names each field (a query parameter, a header or a "
                    + "JSON path into the body) and says why; a body that is not JSON, or is missing, has "
                    + "`detail`",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface BadRequest {
    }

    /** 401: No access token, or one that is not valid (expired, or from another issuer or audience). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "401",
            description = "No access token, or one that is not valid (expired, or from another issuer or audience)",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface Unauthorized {
    }

    /** 403: The access token lacks the {@code ops} role. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "403",
            description = "The access token lacks the `ops` role",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface Forbidden {
    }

    /** 404: Nothing with that id that the caller may see (another shopper's is 404, not 403). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "404",
            description = "Nothing with that id that the caller may see (another shopper's is 404, not 403)",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface NotFound {
    }

    /** 409: Not possible in the state the resource is in. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "409",
            description = "Not possible in the state the resource is in; `detail` says why",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface Conflict {
    }

    /** 413: The request's body is too large. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "413",
            description = "The request's body is over what this operation accepts. A JSON body may have 1 MB (1,048,576 bytes); an upload, its file's `maxLength` and 64 KB "
                    + "(65,536 bytes) for the multipart around it. A body sent in chunks is held to the same limit "
                    + "as it arrives.",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface PayloadTooLarge {
    }

    /** 414: The URL is over 4 KB. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "414",
            description = "The URL (its path and query) is over 4 KB (4,096 bytes): the request was not read",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface UriTooLong {
    }

    /** 431: The headers are over 8 KB. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "431",
            description = "The headers are over 8 KB (8,192 bytes) together: the request was not read",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface HeadersTooLarge {
    }

    /** 415: The body's {@code Content-Type} is not one this operation accepts. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "415",
            description = "The body's `Content-Type` is not one this operation accepts",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface UnsupportedMediaType {
    }

    /** 422: Well-formed, but the shop cannot act on it. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "422",
            description = "Well-formed, but the shop cannot act on it: `violations` names the field, or `detail` says"
                    + " why",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface Unprocessable {
    }

    /** 429: More requests than the caller's or the address's budget per minute. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "429",
            description = "More requests than the caller's or the address's budget per minute; retry after `Retry-"
                    + "After` seconds",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)),
            headers = @Header(name = "Retry-After", description = "seconds to wait",
                    schema = @Schema(type = "integer")))
    public @interface TooManyRequests {
    }

    /** 503: A server the API depends on is down, or did not answer in time. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "503",
            description = "A server the API depends on is down (`type` names it: `/problems/database-unavailable`, "
                    + "`/problems/cache-unavailable`, `/problems/workflow-engine-unavailable`, "
                    + "`/problems/object-storage-unavailable`) or did not answer "
                    + "in time; retry after `Retry-After` seconds when given",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)),
            headers = @Header(name = "Retry-After", description = "seconds to wait",
                    schema = @Schema(type = "integer")))
    public @interface ServiceUnavailable {
    }

    /** 501: Not available on this deployment. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "501",
            description = "Not available on this deployment (speech when it is not enabled); `detail` says what to do "
                    + "instead",
            content = @Content(mediaType = ProblemBody.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDocument.class)))
    public @interface NotImplemented {
    }

    /** What every operation for a signed-in caller (a shopper, or ops) can answer: 401, 413, 414, 429, 431, 503. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Unauthorized
    @PayloadTooLarge
    @UriTooLong
    @HeadersTooLarge
    @TooManyRequests
    @ServiceUnavailable
    public @interface Shopper {
    }

    /** What every ops operation can answer: 401, 403 (a token without the {@code ops} role), 413, 414, 429, 431, 503. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Unauthorized
    @Forbidden
    @PayloadTooLarge
    @UriTooLong
    @HeadersTooLarge
    @TooManyRequests
    @ServiceUnavailable
    public @interface Ops {
    }

    /** What every operation open to anyone can answer: 413, 414, 429, 431, 503. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @PayloadTooLarge
    @UriTooLong
    @HeadersTooLarge
    @TooManyRequests
    @ServiceUnavailable
    public @interface Public {
    }

    /** What every operation that takes a body can answer: 400, 413, 415. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @BadRequest
    @PayloadTooLarge
    @UnsupportedMediaType
    public @interface Body {
    }
}
