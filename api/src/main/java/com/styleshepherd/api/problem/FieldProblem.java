package com.styleshepherd.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import io.micronaut.problem.violations.Violation;
import java.util.List;

/**
 * A 400 for a rule Bean Validation annotations cannot express (one field compared with another, a
 * duplicate in a list), in the same problem+json shape as every other validation failure; or a 422
 * naming the field whose value the shop cannot act on (an unknown product).
 */
public final class FieldProblem {

    private FieldProblem() {
    }

    public static ConstraintViolationThrowableProblem of(String field, String message) {
        return of(HttpStatus.BAD_REQUEST, field, message);
    }

    /** The same shape with another status, e.g. 422 for a well-formed value the shop cannot act on. */
    public static ConstraintViolationThrowableProblem of(HttpStatus status, String field, String message) {
        return new ConstraintViolationThrowableProblem(new HttpStatusType(status), List.of(new Violation(field, message)));
    }
}
