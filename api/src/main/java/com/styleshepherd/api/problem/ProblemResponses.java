package com.styleshepherd.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.conf.ProblemConfiguration;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import io.micronaut.problem.violations.Violation;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedHeaderRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedPartRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedQueryValueRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
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
 *   <li>a value that cannot be converted ({@code ?minPrice=abc}, {@code "stock":"many"}) is reported
 *       like a validation failure, naming the field; so is a required header or query parameter that is
 *       missing, and a missing body says so without naming the Java parameter;</li>
 *   <li>every problem has a title, and a message the code raised on purpose
 *       ({@link HttpStatusException}, e.g. "No product with id 7") becomes its detail;</li>
 *   <li>the body is built from the problem's fields only ({@code type}, {@code title}, {@code status},
 *       {@code detail}, {@code instance}, {@code violations} and other named parameters), never by serializing
 *       the exception that carries them, so no {@code cause}, {@code suppressed} or stack trace leaves.</li>
 * </ul>
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
final class ProblemResponses extends ProblemErrorResponseProcessor {

    ProblemResponses(ProblemConfiguration config) {
        super(config);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        MutableHttpResponse<Problem> problem = super.processResponse(errorContext, response);
        Object body = problem.body();
        if (body instanceof Problem fields) {
            ((MutableHttpResponse) problem).body(ProblemBody.of(fields));
        }
        return problem;
    }

    @Override
    protected ThrowableProblem defaultProblem(ErrorContext errorContext, HttpStatus httpStatus) {
        Optional<ConversionErrorException> conversion = errorContext.getRootCause()
                .filter(ConversionErrorException.class::isInstance)
                .map(ConversionErrorException.class::cast);
        if (conversion.isPresent()) {
            return new ConstraintViolationThrowableProblem(new HttpStatusType(HttpStatus.BAD_REQUEST),
                    List.of(new Violation(field(conversion.get()), "has an invalid value")));
        }
        Optional<UnsatisfiedRouteException> missing = errorContext.getRootCause()
                .filter(UnsatisfiedRouteException.class::isInstance)
                .map(UnsatisfiedRouteException.class::cast);
        if (missing.isPresent()) {
            return missing(missing.get());
        }
        ProblemBuilder problem = Problem.builder()
                .withStatus(new HttpStatusType(httpStatus))
                .withTitle(httpStatus.getReason());
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
                || errorContext.getRootCause().map(HttpStatusException.class::isInstance).orElse(false);
    }

    /**
     * A required header, query parameter or part named as the client sends it ({@code Idempotency-Key}), like a
     * validation failure; a missing body in words, not Micronaut's (which names the Java parameter).
     */
    private static ThrowableProblem missing(UnsatisfiedRouteException missing) {
        String field = switch (missing) {
            case UnsatisfiedHeaderRouteException header -> header.getHeaderName();
            case UnsatisfiedQueryValueRouteException query -> query.getQueryParameterName();
            case UnsatisfiedPartRouteException part -> part.getPartName();
            case UnsatisfiedBodyRouteException body -> null;
            default -> missing.getArgument().getName();
        };
        if (field == null) {
            return Problem.builder().withStatus(new HttpStatusType(HttpStatus.BAD_REQUEST))
                    .withTitle(HttpStatus.BAD_REQUEST.getReason())
                    .withDetail("The request has no body; this operation needs one").build();
        }
        return new ConstraintViolationThrowableProblem(new HttpStatusType(HttpStatus.BAD_REQUEST),
                List.of(new Violation(field, "is required")));
    }

    /** The JSON path of a body that failed to decode ({@code sizes[0].stock}), else the parameter's name. */
    private static String field(ConversionErrorException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SerdeException serde && serde.getPath() != null && !serde.getPath().isEmpty()) {
                return jsonPath(serde.getPath());
            }
        }
        return e.getArgument().getName();
    }

    /** Serde lists the path innermost first. */
    private static String jsonPath(List<ReferencePath> path) {
        StringBuilder field = new StringBuilder();
        for (ReferencePath step : path.reversed()) {
            switch (step) {
                case CollectionItemReferencePath item -> field.append('[').append(item.index()).append(']');
                case MapItemReferencePath entry -> field.append('[').append(entry.key()).append(']');
                default -> field.append(field.isEmpty() ? "" : ".").append(step.getArgument().getName());
            }
        }
        return field.toString();
    }
}
