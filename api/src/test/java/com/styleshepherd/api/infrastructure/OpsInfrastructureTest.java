package com.styleshepherd.api.infrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/ops/infrastructure} and its summary against a local fake of Vultr's v2 API, answering with
 * Vultr's own shapes (the govultr client's field names; {@code src/test/resources/vultr/}): pages followed by
 * cursor, usage per database, node pools inline or by their own listing, and Vultr's failures (a refused key,
 * its rate limit, no answer in time) as the problems ops would see.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsInfrastructureTest implements TestPropertyProvider {

    private static final String KEY = "VULTR-TEST-KEY-0123456789";
    private static final String POSTGRES = "5a2e0c3d-7a1b-4c1e-9f36-1f4b2b7e6d01";
    private static final String VALKEY = "8c1f4e2a-3b5d-4e7f-a1c2-9d8e7f6a5b02";
    private static final String KAFKA = "d3b07384-d9a0-4c9b-8f3e-2c1a0b9e8f03";
    private static final String STAGING = "f0e1d2c3-b4a5-4968-8776-655443322110";

    private final WireMockServer vultr = started();

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    InfrastructureView view;

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("styleshepherd.vultr.api-key", KEY);
        properties.put("styleshepherd.vultr.base-url", vultr.baseUrl() + "/v2");
        properties.put("styleshepherd.vultr.timeout", "1s");
        properties.put("styleshepherd.vultr.retry-after", "7s");
        properties.put("styleshepherd.vultr.requests-per-second", "30");
        return properties;
    }

    @AfterAll
    void stop() {
        vultr.stop();
    }

    @BeforeEach
    void afresh() {
        vultr.resetAll();
        view.forget();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheAccountDatabasesWithUsageValkeyInstancesAndClustersAcrossPages() {
        stubTheWholeInventory();

        Reply reply = api.get("/api/ops/infrastructure", tokens.ops("ops1"));

        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> body = reply.body();
        assertEquals("vultr", body.get("provider"));
        assertEquals(true, body.get("configured"));
        assertTrue(body.get("fetchedAt") instanceof String, "fetchedAt");
        assertEquals(Map.of("name", "Style Shepherd", "balance", "-42.50", "pendingCharges", "118.47",
                "lastPaymentDate", "2026-11-01T08:12:41+00:00", "lastPaymentAmount", "-200.00", "currency", "USD"),
                body.get("account"));

        List<Map<String, Object>> databases = (List<Map<String, Object>>) body.get("databases");
        assertEquals(List.of(POSTGRES, KAFKA), ids(databases), "both pages, Valkey apart");
        Map<String, Object> postgres = databases.get(0);
        assertEquals("pg", postgres.get("engine"));
        assertEquals("Running", postgres.get("status"));
        assertEquals(2048, postgres.get("ramMb"));
        Map<String, Object> usage = (Map<String, Object>) postgres.get("usage");
        assertEquals(91.51, ((Number) usage.get("diskPercent")).doubleValue());
        assertEquals(60.08, ((Number) usage.get("memoryPercent")).doubleValue());
        assertEquals(12.4, ((Number) usage.get("cpuPercent")).doubleValue());
        assertNull(databases.get(1).get("usage"), "Vultr has no usage for the Kafka cluster (404)");
        List<Map<String, Object>> valkey = (List<Map<String, Object>>) body.get("valkey");
        assertEquals(List.of(VALKEY), ids(valkey));
        assertEquals(19.8, ((Number) ((Map<String, Object>) valkey.get(0).get("usage")).get("memoryPercent"))
                .doubleValue());

        List<Map<String, Object>> instances = (List<Map<String, Object>>) body.get("instances");
        assertEquals(Map.of("temporal-frontend", false, "gpu-trainer", true, "old-bastion", false),
                instances.stream().collect(Collectors.toMap(i -> (String) i.get("label"), i -> (Boolean) i.get("gpu"))));
        Map<String, Object> bastion = instances.get(2);
        assertEquals("stopped", bastion.get("powerStatus"));
        assertEquals("ok", bastion.get("serverStatus"));
        assertEquals("vc2-1c-1gb", bastion.get("plan"));

        List<Map<String, Object>> clusters = (List<Map<String, Object>>) body.get("kubernetesClusters");
        assertEquals(2, clusters.size());
        List<Map<String, Object>> prodPools = (List<Map<String, Object>>) clusters.get(0).get("nodePools");
        assertEquals(List.of("workers", "gpu"), prodPools.stream().map(p -> p.get("label")).toList());
        assertEquals(2, prodPools.get(0).get("activeNodes"));
        assertEquals(3, ((List<?>) prodPools.get(0).get("nodes")).size());
        assertEquals(true, prodPools.get(1).get("gpu"));
        List<Map<String, Object>> stagingPools = (List<Map<String, Object>>) clusters.get(1).get("nodePools");
        assertEquals(List.of("staging-workers"), stagingPools.stream().map(p -> p.get("label")).toList(),
                "the cluster listed without node pools: from its own listing");

        String everything = body.toString();
        for (String secret : List.of("AVNS_", "PRIVATE KEY", "kvm-console-token", "billing@", KEY)) {
            assertFalse(everything.contains(secret), "the inventory carries " + secret);
        }
        vultr.verify(getRequestedFor(urlPathEqualTo("/v2/databases")).withQueryParam("cursor", absent())
                .withQueryParam("per_page", equalTo("100")).withHeader("Authorization", equalTo("Bearer " + KEY)));
        vultr.verify(getRequestedFor(urlPathEqualTo("/v2/databases"))
                .withQueryParam("cursor", equalTo("bmV4dF9fOGMxZjRlMmE=")));
        vultr.verify(0, getRequestedFor(urlPathEqualTo("/v2/kubernetes/clusters/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
                + "/node-pools")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSummaryCountsAndFlagsWhatIsNotServing() {
        stubTheWholeInventory();

        Reply reply = api.get("/api/ops/infrastructure/summary", tokens.ops("ops1"));

        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> body = reply.body();
        assertEquals(false, body.get("healthy"));
        assertEquals(Map.of("databases", 2, "valkey", 1, "instances", 3, "gpuInstances", 1, "kubernetesClusters", 2,
                "nodePools", 3, "gpuNodePools", 1, "nodes", 6, "activeNodes", 5), body.get("counts"));
        assertEquals(85, body.get("usageThresholdPercent"));
        List<Map<String, Object>> issues = (List<Map<String, Object>>) body.get("issues");
        assertEquals(List.of(
                        "database " + POSTGRES + ": disk at 91.51% (threshold 85%)",
                        "database " + KAFKA + ": status Rebuilding",
                        "instance 0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c80: power stopped",
                        "node-pool 11111111-2222-4333-8444-555555555555: 2 of 3 nodes active"),
                issues.stream().map(issue -> issue.get("kind") + " " + issue.get("id") + ": " + issue.get("problem"))
                        .toList());
        assertEquals("styleshepherd-prod / workers", issues.get(3).get("label"));
        assertTrue(body.get("fetchedAt") instanceof String);
        assertTrue(((Number) body.get("cacheAgeSeconds")).longValue() >= 0);
    }

    @Test
    void aSecondRequestWithinTheCacheTtlDoesNotCallVultrAgain() {
        stubTheWholeInventory();

        Reply first = api.get("/api/ops/infrastructure", tokens.ops("ops1"));
        Reply second = api.get("/api/ops/infrastructure", tokens.ops("ops2"));
        Reply summary = api.get("/api/ops/infrastructure/summary", tokens.ops("ops1"));

        assertEquals(List.of(200, 200, 200), List.of(first.status(), second.status(), summary.status()));
        assertEquals(first.body().get("fetchedAt"), second.body().get("fetchedAt"), "the same inventory");
        assertEquals(first.body().get("fetchedAt"), summary.body().get("fetchedAt"));
        vultr.verify(1, getRequestedFor(urlPathEqualTo("/v2/account")));
        vultr.verify(2, getRequestedFor(urlPathEqualTo("/v2/databases")));
        vultr.verify(1, getRequestedFor(urlPathEqualTo("/v2/instances")));
        vultr.verify(1, getRequestedFor(urlPathEqualTo("/v2/kubernetes/clusters")));
        vultr.verify(1, getRequestedFor(urlPathEqualTo("/v2/databases/" + POSTGRES + "/usage")));
    }

    @Test
    void aRefusedKeyIsA502NamingTheCallButNeitherTheKeyNorVultrsText() {
        stubTheWholeInventory();
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/account")).willReturn(json(401,
                "{\"error\":\"Invalid API token: VULTR-TEST-KEY-0123456789 is not allowed here\",\"status\":401}")));

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            Reply logged = api.get("/api/ops/infrastructure", tokens.ops("ops1"), Map.of("X-Request-Id", "req-vultr-401"));

            assertEquals(502, logged.status(), logged::toString);
            ILoggingEvent refused = logs.list.stream()
                    .filter(event -> event.getFormattedMessage().contains("KEY_REFUSED")).findFirst()
                    .orElseThrow(() -> new AssertionError("no log line says the key was refused"));
            assertEquals("req-vultr-401", refused.getMDCPropertyMap().get("requestId"));
            assertTrue(refused.getFormattedMessage().contains("Invalid API token"), "the log has Vultr's text");
            assertEquals(List.of(), logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains(KEY)).toList(), "log lines with the key");
        } finally {
            root.detachAppender(logs);
        }
        view.forget();

        for (String path : List.of("/api/ops/infrastructure", "/api/ops/infrastructure/summary")) {
            Reply reply = api.get(path, tokens.ops("ops1"));

            assertEquals(502, reply.status(), reply::toString);
            assertEquals("application/problem+json", reply.contentType());
            assertEquals("/problems/infrastructure-provider-refused-key", reply.body().get("type"));
            assertEquals("The infrastructure provider refused the key", reply.body().get("title"));
            String detail = (String) reply.body().get("detail");
            assertTrue(detail.startsWith("Vultr answered 401 to GET /account"), detail);
            assertFalse(reply.body().toString().contains(KEY), "the key");
            assertFalse(reply.body().toString().contains("Invalid API token"), "Vultr's own text");
            assertFalse(reply.header("Retry-After").isPresent(), "waiting will not mend a key");
        }
    }

    @Test
    void vultrsRateLimitIsA503WithItsRetryAfterAndVultrIsLeftAloneUntilThen() {
        stubTheWholeInventory();
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/instances")).willReturn(json(429,
                "{\"error\":\"Rate limit exceeded\",\"status\":429}").withHeader("Retry-After", "30")));

        Reply limited = api.get("/api/ops/infrastructure", tokens.ops("ops1"));

        assertEquals(503, limited.status(), limited::toString);
        assertEquals("/problems/infrastructure-provider-unavailable", limited.body().get("type"));
        assertEquals("30", limited.header("Retry-After").orElse(null));
        assertTrue(((String) limited.body().get("detail")).contains("429 to GET /instances"));

        Reply again = api.get("/api/ops/infrastructure/summary", tokens.ops("ops1"));

        assertEquals(503, again.status(), again::toString);
        int retryAfter = Integer.parseInt(again.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "what is left of Vultr's 30 s: " + retryAfter);
        vultr.verify(1, getRequestedFor(urlPathEqualTo("/v2/instances")));
        vultr.verify(1, getRequestedFor(urlPathEqualTo("/v2/account")));
    }

    @Test
    void noAnswerWithinTheTimeoutIsA503WithRetryAfter() {
        stubTheWholeInventory();
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/account")).willReturn(json(200, fixture("account.json"))
                .withFixedDelay(5_000)));

        Reply reply = api.get("/api/ops/infrastructure", tokens.ops("ops1"));

        assertEquals(503, reply.status(), reply::toString);
        assertEquals("/problems/infrastructure-provider-unavailable", reply.body().get("type"));
        assertEquals("Vultr did not answer GET /account in time: try again in 7 s.", reply.body().get("detail"));
        assertEquals("7", reply.header("Retry-After").orElse(null));
    }

    @Test
    void aServerErrorIsA503AndAnAnswerOfAnotherShapeA502() {
        stubTheWholeInventory();
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/kubernetes/clusters")).willReturn(json(500,
                "{\"error\":\"Internal error\",\"status\":500}")));

        Reply down = api.get("/api/ops/infrastructure", tokens.ops("ops1"));

        assertEquals(503, down.status(), down::toString);
        assertEquals("7", down.header("Retry-After").orElse(null));

        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/kubernetes/clusters")).willReturn(json(200,
                "{\"vke_clusters\": {\"id\": \"not a list\"}}")));

        Reply unusable = api.get("/api/ops/infrastructure", tokens.ops("ops1"));

        assertEquals(502, unusable.status(), unusable::toString);
        assertEquals("/problems/infrastructure-provider-bad-answer", unusable.body().get("type"));
        assertEquals("Vultr answered 200 to GET /kubernetes/clusters.", unusable.body().get("detail"));
    }

    @Test
    void onlyOpsMaySeeIt() {
        stubTheWholeInventory();

        for (String path : List.of("/api/ops/infrastructure", "/api/ops/infrastructure/summary")) {
            assertEquals(401, api.get(path).status(), path);
            Reply shopper = api.get(path, tokens.shopper("nosy"));
            assertEquals(403, shopper.status(), path);
            assertEquals("application/problem+json", shopper.contentType());
        }
        vultr.verify(0, anyRequestedFor(anyUrl()));
    }

    private void stubTheWholeInventory() {
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/account")).willReturn(json(200, fixture("account.json"))));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/databases")).withQueryParam("cursor", absent())
                .willReturn(json(200, fixture("databases-page-1.json"))));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/databases")).withQueryParam("cursor", equalTo("bmV4dF9fOGMxZjRlMmE="))
                .willReturn(json(200, fixture("databases-page-2.json"))));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/databases/" + POSTGRES + "/usage"))
                .willReturn(json(200, fixture("usage-postgres.json"))));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/databases/" + VALKEY + "/usage"))
                .willReturn(json(200, fixture("usage-valkey.json"))));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/databases/" + KAFKA + "/usage"))
                .willReturn(json(404, "{\"error\":\"Usage is not available for this database\",\"status\":404}")));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/instances")).willReturn(json(200, fixture("instances.json"))));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/kubernetes/clusters")).willReturn(json(200, fixture("clusters.json"))));
        vultr.stubFor(WireMock.get(urlPathEqualTo("/v2/kubernetes/clusters/" + STAGING + "/node-pools"))
                .willReturn(json(200, fixture("node-pools-staging.json"))));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String fixture(String name) {
        try (InputStream in = OpsInfrastructureTest.class.getResourceAsStream("/vultr/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> ids(List<Map<String, Object>> resources) {
        return resources.stream().map(resource -> resource.get("id")).toList();
    }
}
