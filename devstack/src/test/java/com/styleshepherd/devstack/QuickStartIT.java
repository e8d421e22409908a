package com.styleshepherd.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, for real, where nothing is installed: the shaded jar started with
 * {@code MICRONAUT_ENVIRONMENTS=dev} and no Temporal CLI, on an empty data directory, runs the whole
 * system (embedded test server, PostgreSQL, Redis, both workers, the demo catalog). Runs after
 * {@code package} (failsafe), on the jar that ships. {@code DevStackShutdownIT} starts it on the real
 * Temporal server.
 */
class QuickStartIT {

    static final Path JAR = Path.of("target/style-shepherd-dev.jar");
    static final Duration PATIENCE = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void theDevStackStartsFromTheJarAndServesTheCatalogTokensAndDocs() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: ./mvnw -DskipTests package");
        int port = FreePort.find();
        Path log = Path.of("target/quick-start.log");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        command.environment().put("MICRONAUT_ENVIRONMENTS", "dev");
        command.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        command.environment().put("DEV_TEMPORAL_PORT", "0");
        command.environment().put("STYLESHEPHERD_DEV_DATA", data.toString());
        command.environment().remove("STYLESHEPHERD_TEMPORAL_CLI");
        Process app = command.start();
        try {
            String base = "http://localhost:" + port;
            awaitHealthy(base + "/health", app, log);

            HttpResponse<String> products = get(base + "/api/products?pageSize=1");
            assertEquals(200, products.statusCode(), products.body());
            Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(products.body());
            assertTrue(total.find() && Long.parseLong(total.group(1)) >= 320, "the demo catalog: " + products.body());
            assertEquals(200, get(base + "/swagger-ui/index.html").statusCode());
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dev/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"quick\",\"roles\":[\"shopper\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
            assertTrue(Files.readString(log).contains("Style Shepherd dev stack ready"), "the startup line");
            // A CSV import reads the file with commons-csv, which the jar must carry (it once did not: a 500).
            HttpResponse<String> imported = importCsv(base, "sku,name\nQS-1,Quick Start Tee\n");
            assertEquals(200, imported.statusCode(), imported.body());
            assertTrue(imported.body().contains("\"rowsRead\":1"), imported.body());

            // The demo catalog is embedded at startup: semantic search answers once that job is done.
            long searchDeadline = System.nanoTime() + PATIENCE.toNanos();
            HttpResponse<String> search = get(base + "/api/search?q=warm+winter+coat&topK=3");
            while (!search.body().contains("\"score\"") && System.nanoTime() < searchDeadline) {
                Thread.sleep(500);
                search = get(base + "/api/search?q=warm+winter+coat&topK=3");
            }
            assertEquals(200, search.statusCode(), search.body());
            assertTrue(search.body().contains("\"score\""), "semantic search over the demo catalog: " + search.body());
        } finally {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitHealthy(String url, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new AssertionError("the process exited " + app.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get(url).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy after " + PATIENCE + ":\n" + Files.readString(log));
    }

    private HttpResponse<String> importCsv(String base, String csv) throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dev/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"quick-ops\",\"roles\":[\"ops\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher accessToken = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(token.body());
        assertTrue(accessToken.find(), token.body());
        String boundary = "quick-start-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"quick.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/ops/products/import"))
                .header("Authorization", "Bearer " + accessToken.group(1))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
