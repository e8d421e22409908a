package com.styleshepherd.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import io.micronaut.problem.violations.Violation;
import java.util.List;

/**
 * A 400 for a rule Bean Validation annotations cannot express (one field compared with another, a
 * duplicate in a list), in the same problem+json shape as every other validation failure.
 */
public final class FieldProblem {

    private FieldProblem() {
    }

    public static ConstraintViolationThrowableProblem of(String field, String message) {
        return new ConstraintViolationThrowableProblem(new HttpStatusType(HttpStatus.BAD_REQUEST),
                List.of(new Violation(field, message)));
    }
}
