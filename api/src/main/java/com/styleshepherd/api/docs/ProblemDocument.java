package com.styleshepherd.api.docs;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of every error response, as the OpenAPI document describes it ({@code Problem}): RFC 7807
 * {@code application/problem+json}, built by {@code api/problem/} from the problem's fields only. Never
 * serialized: the document's schema of what {@code ProblemBody} writes.
 *
 * @param type a URI reference naming the kind of problem, for a client to branch on; absent for a plain HTTP
 *     status (a dependency that is down: {@code /problems/database-unavailable})
 * @param title the status's reason, or the kind of problem ("Constraint Violation")
 * @param status the HTTP status code, repeated
 * @param detail what went wrong with this request, for a person to read
 * @param instance a URI reference naming this occurrence, when there is one
 * @param violations for a request the API refuses: each field that is wrong, named as the client sent it
 *     ({@code items[0].quantity}, {@code pageSize}, {@code Idempotency-Key}), with why
 */
@Schema(name = "Problem", description = "An error (RFC 7807 problem details, `application/problem+json`). Other "
        + "members may be added; a client ignores those it does not know.")
public record ProblemDocument(
        @Nullable String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable List<Violation> violations) {

    /**
     * One field a request got wrong.
     *
     * @param field the field as the client sent it: a JSON path into the body, a query parameter or a header
     * @param message why it was refused
     */
    @Schema(name = "Violation")
    public record Violation(String field, String message) {
    }
}
