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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * What a frontend builds on (and redocly's recommended rules ask): every operation has an id and a summary,
     * answers its success and at least one 4xx, and each error is the Problem schema as application/problem+json;
     * the document names its server; operations open to anyone say so ({@code security: []}).
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasAnIdASummaryAndItsProblemResponses() throws Exception {
        Map<String, Object> document = new Yaml().load(get(SPEC).body());
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String name = method.toUpperCase() + " " + path;
            if (!(operation.get("operationId") instanceof String id) || !operationIds.add(id)) {
                problems.add(name + ": no operationId of its own");
            }
            if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
                problems.add(name + ": no summary");
            }
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(name + ": no 2xx response");
            }
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
                problems.add(name + ": no 4xx response");
            }
            responses.forEach((code, response) -> {
                if ((code.startsWith("4") || code.startsWith("5")) && !name.equals("GET /api/ops/health")) {
                    Map<String, Object> content = (Map<String, Object>) response.get("content");
                    Object schema = content == null ? null
                            : ((Map<String, Object>) content.getOrDefault("application/problem+json", Map.of()))
                                    .get("schema");
                    if (!Map.of("$ref", "#/components/schemas/Problem").equals(schema)) {
                        problems.add(name + " " + code + ": not the Problem schema as application/problem+json");
                    }
                }
            });
            boolean anonymous = path.startsWith("/api/products") || path.startsWith("/api/search")
                    || path.startsWith("/api/webhooks/");
            if (anonymous != List.of().equals(operation.get("security"))) {
                problems.add(name + (anonymous ? ": open to anyone, but not security: []"
                        : ": security: [] but secured"));
            }
        }));
        assertEquals(List.of(), problems);
        assertEquals(List.of(Map.of("url", "/", "description",
                        "The host that serves this document (the dev stack: http://localhost:8080)")),
                document.get("servers"));
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        Map<String, Object> problem = (Map<String, Object>) schemas.get("Problem");
        assertEquals(List.of("status", "title"), problem.get("required"));
        assertEquals(Set.of("type", "title", "status", "detail", "instance", "violations"),
                ((Map<String, Object>) problem.get("properties")).keySet());
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
