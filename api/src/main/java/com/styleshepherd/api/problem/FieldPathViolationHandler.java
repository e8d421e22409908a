package com.styleshepherd.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.problem.violations.ProblemConstraintViolationExceptionHandler;
import io.micronaut.problem.violations.Violation;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the field a client sent, not the Java method that received it: {@code sizes[0].stock}
 * rather than {@code save.request.sizes[0].stock}, {@code pageSize} rather than
 * {@code list.request.pageSize}.
 */
@Singleton
@Replaces(ProblemConstraintViolationExceptionHandler.class)
final class FieldPathViolationHandler extends ProblemConstraintViolationExceptionHandler {

    FieldPathViolationHandler(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor);
    }

    @Override
    protected Violation createViolation(ConstraintViolation<?> violation) {
        return new Violation(fieldPath(violation.getPropertyPath()), violation.getMessage());
    }

    static String fieldPath(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.RETURN_VALUE || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            // A body or @RequestBean parameter only contains the fields: skip its own name.
            if (kind == ElementKind.PARAMETER && i < nodes.size() - 1) {
                continue;
            }
            // Bean Validation puts a list index on the node after the list: sizes[0].stock.
            if (node.isInIterable() && !field.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    field.append('[').append(position).append(']');
                }
            }
            String name = node.getName();
            if (kind == ElementKind.CONTAINER_ELEMENT || name == null || name.isEmpty()) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(name);
        }
        return field.isEmpty() ? path.toString() : field.toString();
    }
}
