package com.styleshepherd.api.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zalando.problem.Problem;

/**
 * The body of every problem+json response, as a plain map of the problem's members: what a filter
 * answers before any controller runs goes through here too, so no exception object is ever serialized
 * (a {@link Problem} is a {@link Throwable}: serialized as it is, it carries its stack trace).
 */
public final class ProblemBody {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemBody() {
    }

    /** A problem response with the status's reason as its title. */
    public static MutableHttpResponse<Map<String, Object>> response(HttpStatus status, String detail) {
        return response(null, status.getReason(), status, detail);
    }

    /** A problem response of a stable {@code type} (a URI reference a client may branch on). */
    public static MutableHttpResponse<Map<String, Object>> response(String type, String title, HttpStatus status,
            String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (type != null) {
            body.put("type", type);
        }
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", detail);
        return HttpResponse.<Map<String, Object>>status(status).contentType(MEDIA_TYPE).body(body);
    }

    /** The problem's RFC 7807 members and named parameters, in that order. */
    static Map<String, Object> of(Problem problem) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (problem.getType() != null && !Problem.DEFAULT_TYPE.equals(problem.getType())) {
            fields.put("type", problem.getType().toString());
        }
        putIfPresent(fields, "title", problem.getTitle());
        if (problem.getStatus() != null) {
            fields.put("status", problem.getStatus().getStatusCode());
        }
        putIfPresent(fields, "detail", problem.getDetail());
        putIfPresent(fields, "instance", problem.getInstance() == null ? null : problem.getInstance().toString());
        if (problem instanceof ConstraintViolationThrowableProblem violations) {
            fields.put("violations", violations.getViolations().stream()
                    .map(v -> Map.of("field", v.getField(), "message", v.getMessage())).toList());
        }
        problem.getParameters().forEach((name, value) -> {
            if (!fields.containsKey(name) && (value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                fields.put(name, value);
            }
        });
        return fields;
    }

    private static void putIfPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
