package com.styleshepherd.api.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRoute;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document built at compile time documents every route the server has, and Swagger UI
 * shows them in a real browser (Debian's chromium, headless).
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest implements RealInfrastructure {

    static final String SPEC = "/swagger/style-shepherd-0.1.yml";

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSpecIsPublicAndDocumentsEveryApiRoute() throws Exception {
        HttpResponse<String> spec = get(SPEC);

        assertEquals(200, spec.statusCode(), "the spec needs no token");
        Map<String, Object> document = new Yaml().load(spec.body());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        TreeSet<String> undocumented = new TreeSet<>();
        // The document describes production: the dev stack's own routes are left out on purpose (and must be).
        router.uriRoutes().filter(route -> route.getUriMatchTemplate().toPathString().startsWith("/api/"))
                .filter(route -> !route.getUriMatchTemplate().toPathString().startsWith("/api/dev/"))
                .forEach(route -> {
                    String path = route.getUriMatchTemplate().toPathString().replaceAll("\\{(\\w+)[^}]*}", "{$1}");
                    String method = route.getHttpMethod().name().toLowerCase();
                    if (route.getHttpMethod() != HttpMethod.HEAD && (!paths.containsKey(path)
                            || !paths.get(path).containsKey(method))) {
                        undocumented.add(method.toUpperCase() + " " + path);
                    }
                });
        assertEquals(new TreeSet<>(), undocumented, "routes missing from the OpenAPI document");
        assertEquals(List.of(), paths.keySet().stream().filter(path -> path.startsWith("/api/dev/")).toList(),
                "dev-only routes in the OpenAPI document");
        assertTrue(paths.size() >= 25, "documented paths: " + paths.keySet());
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        Map<String, Object> checkout = (Map<String, Object>) schemas.get("CheckoutCommand");
        Map<String, Object> paymentMethod = (Map<String, Object>) ((Map<String, Object>) checkout.get("properties"))
                .get("paymentMethod");
        assertEquals("pm_card_visa", paymentMethod.get("example"), "request bodies carry examples");
    }

    @Test
    void swaggerUiListsTheEndpointsInAHeadlessBrowser() throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(),
                "no chromium: install Debian's chromium (apt-get install chromium) or set CHROMIUM to run this test");
        assertEquals(200, get("/swagger-ui/index.html").statusCode());

        Process browser = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--virtual-time-budget=20000", "--dump-dom",
                server.getURL() + "/swagger-ui/index.html")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(browser.getInputStream().readAllBytes());
        assertTrue(browser.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");

        for (String endpoint : List.of("/api/checkouts", "/api/me/profile", "/api/me/memories/search", "/api/returns",
                "/api/ops/returns/analytics", "/api/orders")) {
            assertTrue(dom.contains("data-path=\"" + endpoint + "\""),
                    () -> "Swagger UI does not list " + endpoint + "; page starts: " + dom.substring(0, Math.min(500, dom.length())));
        }
    }

    private static Optional<Path> chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
