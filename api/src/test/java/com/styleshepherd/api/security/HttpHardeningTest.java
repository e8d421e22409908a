package com.styleshepherd.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** CORS for the frontend's origin, security headers and gzip, seen by a plain HTTP client. */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.worker.enabled", value = "false")
@Property(name = "styleshepherd.gpu-worker.enabled", value = "false")
class HttpHardeningTest implements RealInfrastructure {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    @Test
    void theFrontendsOriginMayCallTheApiAndOthersMayNot() throws Exception {
        HttpResponse<byte[]> preflight = send(to("/api/checkouts").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));

        assertEquals(200, preflight.statusCode(), () -> preflight.headers() + " " + new String(preflight.body()));
        assertEquals("http://localhost:5173", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());

        HttpResponse<byte[]> stranger = send(to("/api/checkouts").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertFalse(stranger.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    /**
     * 405 names the methods of the resource at the path: {@code DELETE /api/me/memories/{memoryId}} matches
     * {@code /api/me/memories/export} too, but that path's resource only takes GET.
     */
    @Test
    void aMethodTheResourceDoesNotTakeIs405AllowingWhatItTakes() throws Exception {
        HttpResponse<byte[]> refused = send(to("/api/me/memories/export")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertEquals(405, refused.statusCode());
        assertEquals("GET, HEAD", refused.headers().firstValue("Allow").orElseThrow());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"title\":\"Method Not Allowed\",\"status\":405,\"detail\":\"OPTIONS is not allowed here; "
                + "this path takes GET, HEAD\"}", new String(refused.body(), StandardCharsets.UTF_8));

        HttpResponse<byte[]> batch = send(to("/api/me/memories/batch").GET());
        assertEquals(405, batch.statusCode());
        assertEquals("POST", batch.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void apiResponsesCarrySecurityHeaders() throws Exception {
        HttpResponse<byte[]> products = send(to("/api/products?pageSize=1"));

        assertEquals(200, products.statusCode());
        assertEquals("nosniff", products.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("DENY", products.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals("no-referrer", products.headers().firstValue("Referrer-Policy").orElseThrow());
        assertTrue(products.headers().firstValue("Strict-Transport-Security").orElseThrow().contains("max-age="));
        assertEquals("default-src 'none'; frame-ancestors 'none'",
                products.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("no-store", products.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void largeResponsesAreGzippedForClientsThatAcceptIt() throws Exception {
        HttpResponse<byte[]> compressed = send(to("/api/products?pageSize=50").header("Accept-Encoding", "gzip"));

        assertEquals(200, compressed.statusCode());
        assertEquals("gzip", compressed.headers().firstValue("Content-Encoding").orElseThrow());
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(compressed.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{") && json.contains("\"items\""), json.substring(0, Math.min(80, json.length())));
        assertTrue(compressed.body().length < json.length() / 2, "compressed " + compressed.body().length + " of " + json.length());

        HttpResponse<byte[]> plain = send(to("/api/products?pageSize=50"));
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
    }
}
