package com.styleshepherd.api.problem;

import com.styleshepherd.outage.Dependency;
import com.styleshepherd.outage.Outages;
import com.styleshepherd.outage.UnstorableText;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What no other handler took: a server that is down ({@link Outages}) is a 503 with {@code Retry-After}
 * and a problem type per dependency, so a client can tell "try again soon" from a bug; a Temporal call the
 * engine does not implement (the embedded test server: visibility, reset) is a 501; a value PostgreSQL
 * cannot store as text (a NUL character, U+0000, in a string or a JSON member) is the client's
 * 400; anything else is a 500 without detail. None carries exception text: the log has it, with the
 * request's ids.
 */
@Singleton
@Produces
final class UnexpectedFailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);

    private final ErrorResponseProcessor<?> problems;
    private final Duration retryAfter;

    UnexpectedFailureHandler(ErrorResponseProcessor<?> problems,
            @Value("${styleshepherd.outage.retry-after:5s}") Duration retryAfter) {
        this.problems = problems;
        this.retryAfter = retryAfter;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException failure) {
        Optional<Dependency> outage = Outages.of(failure);
        if (outage.isPresent()) {
            Dependency down = outage.get();
            LOG.warn("{} {} answered 503: {} ({})", request.getMethod(), request.getPath(), down.title(),
                    failure.getMessage());
            return ProblemBody.response(down.problemType(), down.title(), HttpStatus.SERVICE_UNAVAILABLE,
                            "Try again in " + retryAfter.toSeconds() + " s.")
                    .header("Retry-After", String.valueOf(retryAfter.toSeconds()));
        }
        if (failure instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
            return ProblemBody.response(HttpStatus.NOT_IMPLEMENTED, "This Temporal engine cannot do this: the embedded"
                    + " Java test server has no visibility store, reset or Schedules. Run the dev stack on the Temporal"
                    + " dev server (scripts/install-temporal-cli.sh).");
        }
        if (UnstorableText.in(failure)) {
            LOG.info("{} {} answered 400: a value PostgreSQL cannot store as text", request.getMethod(),
                    request.getPath());
            return ProblemBody.response(HttpStatus.BAD_REQUEST,
                    "A value in the request holds a character that cannot be stored (U+0000, NUL)");
        }
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), failure);
        return problems.processResponse(ErrorContext.builder(request).cause(failure).build(),
                HttpResponse.serverError());
    }
}
