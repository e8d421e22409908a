package com.styleshepherd.api.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every response carries: no MIME sniffing, no framing, no referrer, HTTPS only (HSTS, which
 * browsers honour only over HTTPS). The JSON API also gets a Content-Security-Policy that allows
 * nothing and {@code Cache-Control: no-store} unless it set its own, since most of it is personal.
 * Swagger UI, an HTML page with scripts, keeps the browser's defaults.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter {

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        if (request.getPath().startsWith("/api/")) {
            response.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
                response.header(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        }
    }
}
