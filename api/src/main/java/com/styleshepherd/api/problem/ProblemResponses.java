package com.styleshepherd.api.problem;

import com.styleshepherd.api.input.JsonFailure;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.conf.ProblemConfiguration;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import io.micronaut.problem.violations.Violation;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedHeaderRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedPartRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedQueryValueRouteException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.zalando.problem.Problem;
import org.zalando.problem.ProblemBuilder;
import org.zalando.problem.ThrowableProblem;

/**
 * The one error mapper: every error leaves as RFC 7807 {@code application/problem+json} (through
 * micronaut-problem-json), without stack traces. Beyond the library's defaults:
 * <ul>
 *   <li>a value that cannot be converted ({@code ?minPrice=abc}, {@code "stock":"many"}) or that the strict
 *       JSON decoding refuses ({@code "quantity": 1.5}, see {@link JsonFailure}) is reported like a validation
 *       failure, naming the field, and so is a required header, query value or part that is missing; a body
 *       that fails as a whole (not JSON, a list for an object, a missing body) is a plain 400 that names no Java
 *       parameter;</li>
 *   <li>every problem has a title, and a message the code raised on purpose
 *       ({@link HttpStatusException}, e.g. "No product with id 7") becomes its detail, as does the size a body
 *       went over ({@link ContentLengthExceededException}: the numbers only, no setting's name);</li>
 *   <li>the body is built from the problem's fields only ({@code type}, {@code title}, {@code status},
 *       {@code detail}, {@code instance}, {@code violations} and other named parameters), never by serializing
 *       the exception that carries them, so no {@code cause}, {@code suppressed} or stack trace leaves.</li>
 * </ul>
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
final class ProblemResponses extends ProblemErrorResponseProcessor {

    private static final String NOT_THE_BODY = "The body is not JSON of the shape this endpoint takes.";

    ProblemResponses(ProblemConfiguration config) {
        super(config);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        tooLongToRead(errorContext).ifPresent(status -> response.status(status));
        MutableHttpResponse<Problem> problem = super.processResponse(errorContext, response);
        Object body = problem.body();
        if (body instanceof Problem fields) {
            ((MutableHttpResponse) problem).body(ProblemBody.of(fields));
        }
        return problem;
    }

    /**
     * Netty refuses a request line over 4 KB or headers over 8 KB before Micronaut reads the request, and
     * Micronaut answers either 413, as for a body. The client is told which: 414 URI Too Long, or 431 Request
     * Header Fields Too Large.
     */
    private static Optional<HttpStatus> tooLongToRead(ErrorContext errorContext) {
        if (errorContext.getRequest() instanceof NettyHttpRequest<?> request
                && request.getNativeRequest().decoderResult().cause() instanceof TooLongFrameException tooLong) {
            if (tooLong instanceof TooLongHttpLineException) {
                return Optional.of(HttpStatus.REQUEST_URI_TOO_LONG);
            }
            if (tooLong instanceof TooLongHttpHeaderException) {
                return Optional.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
            }
        }
        return Optional.empty();
    }

    @Override
    protected ThrowableProblem defaultProblem(ErrorContext errorContext, HttpStatus httpStatus) {
        Optional<ConversionErrorException> conversion = errorContext.getRootCause()
                .filter(ConversionErrorException.class::isInstance)
                .map(ConversionErrorException.class::cast);
        if (conversion.isPresent()) {
            String field = field(conversion.get());
            if (field == null) {
                return Problem.builder().withStatus(new HttpStatusType(HttpStatus.BAD_REQUEST))
                        .withTitle(HttpStatus.BAD_REQUEST.getReason()).withDetail(NOT_THE_BODY).build();
            }
            return new ConstraintViolationThrowableProblem(new HttpStatusType(HttpStatus.BAD_REQUEST),
                    List.of(new Violation(field, JsonFailure.message(conversion.get()))));
        }
        Optional<String> missing = errorContext.getRootCause().flatMap(ProblemResponses::missing);
        if (missing.isPresent()) {
            return new ConstraintViolationThrowableProblem(new HttpStatusType(HttpStatus.BAD_REQUEST),
                    List.of(new Violation(missing.get(), "is required")));
        }
        ProblemBuilder problem = Problem.builder()
                .withStatus(new HttpStatusType(httpStatus))
                .withTitle(httpStatus.getReason());
        if (errorContext.getRootCause().filter(UnsatisfiedBodyRouteException.class::isInstance).isPresent()) {
            return problem.withDetail("This request needs a JSON body.").build();
        }
        if (!errorContext.getErrors().isEmpty()) {
            var error = errorContext.getErrors().get(0);
            error.getTitle().ifPresent(problem::withTitle);
            if (includeErrorMessage(errorContext)) {
                problem.withDetail(error.getMessage());
            }
        }
        return problem.build();
    }

    @Override
    protected boolean includeErrorMessage(ErrorContext errorContext) {
        return super.includeErrorMessage(errorContext)
                || errorContext.getRootCause().map(cause -> cause instanceof HttpStatusException
                        || cause instanceof ContentLengthExceededException).orElse(false);
    }

    /** A required header, query value or part that is missing, named as a client sends it: {@code Idempotency-Key}. */
    private static Optional<String> missing(Throwable cause) {
        return Optional.ofNullable(switch (cause) {
            case UnsatisfiedHeaderRouteException header -> header.getHeaderName();
            case UnsatisfiedQueryValueRouteException query -> query.getQueryParameterName();
            case UnsatisfiedPartRouteException part -> part.getPartName();
            default -> null;
        });
    }

    /**
     * The JSON path of a body that failed to decode ({@code sizes[0].stock}), the name of a query value, header
     * or path variable that did not convert ({@code minPrice}), or null for a body that failed as a whole (not
     * JSON, a list for an object): that has no field, and the Java parameter's name means nothing to a client.
     */
    @Nullable
    private static String field(ConversionErrorException e) {
        return JsonFailure.path(e).orElse(
                e.getArgument().getAnnotationMetadata().hasAnnotation(Body.class) ? null : e.getArgument().getName());
    }
}
