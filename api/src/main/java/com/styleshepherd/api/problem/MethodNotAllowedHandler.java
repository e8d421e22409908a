package com.styleshepherd.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotAllowedExceptionHandler;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A method the resource does not take is a 405 whose {@code Allow} names the methods of the resource at that
 * path, as the OpenAPI document has them. Micronaut's own lists every route whose template matches the path,
 * so {@code /api/me/memories/export} would allow DELETE because {@code DELETE /api/me/memories/{memoryId}}
 * matches it too; here only the routes with the fewest path variables count (the literal {@code /export}).
 */
@Singleton
@Produces
@Replaces(NotAllowedExceptionHandler.class)
final class MethodNotAllowedHandler implements ExceptionHandler<NotAllowedException, HttpResponse<?>> {

    private final Router router;

    MethodNotAllowedHandler(Router router) {
        this.router = router;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotAllowedException refused) {
        String allow = String.join(", ", allowed(request, refused));
        return ProblemBody.response(HttpStatus.METHOD_NOT_ALLOWED,
                        request.getMethodName() + " is not allowed here; this path takes " + allow)
                .header(HttpHeaders.ALLOW, allow);
    }

    private Set<String> allowed(HttpRequest<?> request, NotAllowedException refused) {
        List<UriRouteMatch<Object, Object>> matches = router.findAny(request);
        long fewest = matches.stream().mapToLong(MethodNotAllowedHandler::pathVariables).min().orElse(-1);
        Set<String> methods = new TreeSet<>();
        matches.stream().filter(match -> pathVariables(match) == fewest)
                .forEach(match -> methods.add(match.getHttpMethod().name()));
        return methods.isEmpty() ? new TreeSet<>(refused.getAllowedMethods()) : methods;
    }

    private static long pathVariables(UriRouteMatch<?, ?> match) {
        return match.getVariables().stream().filter(variable -> !variable.isQuery()).count();
    }
}
