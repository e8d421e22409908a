package com.styleshepherd.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import io.micronaut.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The api started as production starts it ({@link ProductionApi}: environment {@code prod} only), with a
 * local OpenID Connect provider ({@link OidcIssuer}), attacked as an attacker would: one test per forged
 * token shape, real issuer-signed tokens with the configured role mapping, key rotation, and two matrices
 * read from the OpenAPI document that production serves, so that a new endpoint is covered without
 * editing this test: another shopper's ids on every id-taking endpoint, and shoppers on every ops endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionSecurityTest {

    /** The provider's role names, mapped as a deployment configures them. */
    private static final String PROVIDER_OPS = "shop-admin";
    private static final String PROVIDER_SHOPPER = "customer";

    private final String victimId = "victim-" + UUID.randomUUID();
    private final String attackerId = "mallory-" + UUID.randomUUID();
    private OwnedResources victim;
    private OidcIssuer issuer;
    private ProductionApi production;
    private Api api;

    @BeforeAll
    void start() {
        victim = OwnedResources.create(victimId);
        issuer = new OidcIssuer();
        production = ProductionApi.start(ProductionApi.settings(issuer.issuer(), Map.of(
                "styleshepherd.security.oidc.role-map", List.of(PROVIDER_OPS + "=ops", PROVIDER_SHOPPER + "=shopper"),
                "styleshepherd.security.oidc.jwks-refresh-interval", "2s")));
        api = production.api();
    }

    @AfterAll
    void stop() {
        if (production != null) {
            production.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    // --- Real tokens ---------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aTokenSignedByTheIssuerIsAcceptedWithItsRolesMapped() {
        Reply own = api.get("/api/orders/" + victim.ids().get("orderId"), issuer.token(victimId, List.of(PROVIDER_SHOPPER)));
        assertEquals(200, own.status(), own::toString);
        assertEquals(200, api.get("/api/ops/models?kind=size", issuer.token("ops-1", List.of(PROVIDER_OPS))).status());
        assertEquals(403, api.get("/api/ops/models?kind=size", issuer.token("ops-2", List.of(PROVIDER_SHOPPER))).status());
        assertEquals(403, api.get("/api/ops/models?kind=size", issuer.token("ops-3", List.of("ops"))).status(),
                "only mapped provider roles count: the raw name 'ops' is not one of the provider's");
        assertEquals(1, issuer.discoveryRequests(), "the discovery document is read once");
    }

    @Test
    @Order(2)
    void aTokenWithoutRolesIsASignedInShopper() {
        String token = issuer.token(attackerId, List.of(), claims -> claims.claim("roles", null));
        assertEquals(200, api.get("/api/me/profile", token).status());
        assertEquals(403, api.get("/api/ops/models?kind=size", token).status());
    }

    @Test
    @Order(3)
    void theIssuersNewKeyIsUsedAfterRotationWithoutARestart() throws InterruptedException {
        String before = issuer.token("rotating", List.of(PROVIDER_SHOPPER));
        assertEquals(200, api.get("/api/me/profile", before).status());
        Thread.sleep(2_100); // one refresh interval, so that the new kid may be fetched at once

        issuer.rotate();
        int fetched = issuer.jwksRequests();
        String after = issuer.token("rotating", List.of(PROVIDER_SHOPPER));

        assertEquals(200, api.get("/api/me/profile", after).status(), "the new key is fetched for its unknown kid");
        assertEquals(fetched + 1, issuer.jwksRequests());
    }

    // --- Forged tokens: one test per shape -----------------------------------------------------------

    @Test
    void anUnsignedTokenIsRefused() {
        String token = unsigned(issuer.claims(attackerId, List.of(PROVIDER_OPS)).build());
        assertRefused(token);
    }

    @Test
    void anUnsignedTokenOfTheShapeSeenInTheWildIsRefused() {
        long now = Instant.now().getEpochSecond();
        String token = unsigned(new JWTClaimsSet.Builder().issuer("style-shepherd-api").subject(victimId)
                .claim("roles", List.of("ops")).notBeforeTime(new Date(now * 1000))
                .expirationTime(new Date((now + 3600) * 1000)).build());
        assertRefused(token);
        assertEquals(401, api.get("/api/orders", token).status());
        assertEquals(401, api.get("/api/me/memories", token).status());
    }

    @Test
    void anHmacTokenKeyedWithTheIssuersPublicKeyIsRefused() throws JOSEException {
        RSAKey published = issuer.signingKey().toPublicJWK();
        JWTClaimsSet claims = issuer.claims(attackerId, List.of(PROVIDER_OPS)).build();
        for (byte[] secret : List.of(published.toRSAPublicKey().getEncoded(),
                published.toJSONString().getBytes(StandardCharsets.UTF_8))) {
            var jwt = new com.nimbusds.jwt.SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID(published.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(secret));
            assertRefused(jwt.serialize());
        }
    }

    @Test
    void aTokenSignedWithAnUnknownKeyIsRefusedAndCannotFloodTheIssuer() {
        int fetched = issuer.jwksRequests();
        long began = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            RSAKey stranger = OidcIssuer.newKey();
            assertRefused(OidcIssuer.sign(stranger, new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(stranger.getKeyID()).build(), issuer.claims(attackerId, List.of(PROVIDER_OPS)).build()));
        }
        // 40 requests with unknown kids; the JWKS may be fetched twice per 2 s refresh interval (Nimbus's limiter),
        // and the flood may straddle one more interval than it lasted.
        long intervals = (System.nanoTime() - began) / 2_000_000_000L + 2;
        int refetched = issuer.jwksRequests() - fetched;
        assertTrue(refetched <= 2 * intervals, refetched + " JWKS fetches in " + intervals + " refresh intervals");
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderTheIssuersKidIsRefused() {
        RSAKey stranger = OidcIssuer.newKey();
        assertRefused(OidcIssuer.sign(stranger, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(issuer.signingKey().getKeyID()).build(), issuer.claims(attackerId, List.of(PROVIDER_OPS)).build()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertRefused(issuer.token(attackerId, List.of(PROVIDER_OPS), c -> c.issuer("https://evil.example/realms/shop")));
        assertRefused(issuer.token(attackerId, List.of(PROVIDER_OPS), c -> c.issuer(issuer.issuer() + "/")));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(issuer.token(attackerId, List.of(PROVIDER_OPS), c -> c.audience("https://another-api.example")));
        assertRefused(issuer.token(attackerId, List.of(PROVIDER_OPS), c -> c.audience((String) null)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(issuer.token(attackerId, List.of(PROVIDER_OPS),
                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        assertRefused(issuer.token(attackerId, List.of(PROVIDER_OPS),
                c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
    }

    @Test
    void aTokenWithoutSubjectOrExpiryIsRefused() {
        assertRefused(issuer.token(null, List.of(PROVIDER_OPS)));
        assertRefused(issuer.token(attackerId, List.of(PROVIDER_OPS), c -> c.expirationTime(null)));
    }

    @Test
    void aDevTokenIsRefused() throws JOSEException {
        var jwt = new com.nimbusds.jwt.SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject(attackerId).claim("roles", List.of("ops"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner("test-only-secret-that-is-at-least-256-bits-long-0123456789"));
        assertRefused(jwt.serialize());
        assertEquals(404, api.post("/api/dev/token", null, Map.of("userId", "u1", "roles", List.of("ops"))).status());
    }

    @Test
    void anEncryptedTokenIsRefused() throws JOSEException {
        var jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                issuer.claims(attackerId, List.of(PROVIDER_OPS)).build());
        jwe.encrypt(new RSAEncrypter(issuer.signingKey().toRSAPublicKey()));
        assertRefused(jwe.serialize());
    }

    @Test
    void garbageIsRefused() {
        for (String token : List.of("not.a.jwt", "a.b.c", "e30.e30.", "..", "x")) {
            assertRefused(token);
        }
    }

    // --- The matrices, from the OpenAPI document production serves ----------------------------------

    @Test
    @Order(10)
    void noShopperReachesAnotherShoppersResourceOnAnyEndpointThatTakesAnId() {
        OpenApiOperations operations = OpenApiOperations.of(api.text(OpenApiOperations.DOCUMENT));
        String attacker = issuer.token(attackerId, List.of(PROVIDER_SHOPPER));
        String owner = issuer.token(victimId, List.of(PROVIDER_SHOPPER));
        List<String> checked = new ArrayList<>();
        for (OpenApiOperations.Operation operation : operations.withPathParameters()) {
            if (operation.path().startsWith("/api/ops/")) {
                continue; // the role matrix covers them
            }
            String probe = operation.path().replaceAll("\\{[^}]+}", "1");
            if (api.call(operation.method(), probe, null, operation.exampleBody()).status() != 401) {
                continue; // public (the catalog): nobody's own
            }
            String uri = operation.expand(victim.ids());
            Reply stolen = api.call(operation.method(), uri, attacker, operation.exampleBody());
            assertTrue(stolen.status() == 404 || stolen.status() == 403,
                    operation + " with another shopper's ids answered " + stolen.status() + " " + stolen.body());
            checked.add(operation.toString());
        }
        assertTrue(checked.size() >= 8, "the id-taking shopper endpoints: " + checked);

        // What the attacker tried changed nothing the owner sees.
        for (String path : List.of("/api/checkouts/" + victim.ids().get("checkoutId"),
                "/api/orders/" + victim.ids().get("orderId"), "/api/returns/" + victim.ids().get("returnId"))) {
            assertEquals(200, api.get(path, owner).status(), path);
        }
        assertEquals("ACTIVE", api.get("/api/conversations/" + victim.ids().get("conversationId"), owner)
                .body().get("status"));
        assertTrue(api.get("/api/me/memories", owner).items().stream()
                .anyMatch(memory -> victim.ids().get("memoryId").equals(memory.get("memoryId"))), "memory kept");
    }

    @Test
    @Order(10)
    void everyOpsEndpointRefusesShoppersAndStrangers() {
        OpenApiOperations operations = OpenApiOperations.of(api.text(OpenApiOperations.DOCUMENT));
        String shopper = issuer.token(attackerId, List.of(PROVIDER_SHOPPER));
        List<String> checked = new ArrayList<>();
        for (OpenApiOperations.Operation operation : operations.all()) {
            if (!operation.path().startsWith("/api/ops/")) {
                continue;
            }
            String uri = operation.path().replaceAll("\\{[^}]+}", "1");
            assertEquals(401, api.call(operation.method(), uri, null, operation.exampleBody()).status(), operation + " anonymous");
            assertEquals(403, api.call(operation.method(), uri, shopper, operation.exampleBody()).status(), operation + " shopper");
            checked.add(operation.toString());
        }
        assertTrue(checked.size() >= 10, "the ops endpoints: " + checked);
    }

    // --- What production serves, and to whom --------------------------------------------------------

    @Test
    void theOpenApiDocumentHasNoDevEndpoints() {
        List<String> paths = OpenApiOperations.of(api.text(OpenApiOperations.DOCUMENT)).all().stream()
                .map(OpenApiOperations.Operation::path).toList();
        assertTrue(paths.contains("/api/checkouts"), "the document itself: " + paths);
        assertEquals(List.of(), paths.stream().filter(path -> path.startsWith("/api/dev/")).toList(),
                "dev-only paths are not in production's document");
    }

    @Test
    void metricsAndHealthAreOnTheManagementPortOnly() {
        assertEquals(404, api.get("/prometheus").status());
        assertEquals(404, api.get("/health").status());
        assertTrue(production.management().text("/prometheus").contains("jvm_memory_used_bytes"));
        Reply health = production.management().get("/health");
        assertEquals(200, health.status(), health::toString);
        assertNull(health.body().get("details"), "no details without ops");
        assertEquals(403, api.get("/api/ops/health", issuer.token(attackerId, List.of(PROVIDER_SHOPPER))).status());
        Reply forOps = api.get("/api/ops/health", issuer.token("ops-1", List.of(PROVIDER_OPS)));
        assertEquals(200, forOps.status(), forOps::toString);
        assertTrue(((Map<?, ?>) forOps.body().get("details")).containsKey("jdbc"), forOps::toString);
    }

    @Test
    void errorBodiesCarryProblemFieldsOnly() {
        Set<String> members = Set.of("type", "title", "status", "detail", "instance", "violations");
        String shopper = issuer.token(attackerId, List.of(PROVIDER_SHOPPER));
        List<Reply> errors = List.of(
                api.post("/api/checkouts", shopper, Map.of("items", List.of()), Map.of("Idempotency-Key", "bad")),
                api.post("/api/checkouts", shopper, "{not json", Map.of("Idempotency-Key", UUID.randomUUID().toString())),
                api.get("/api/orders/not-a-uuid", shopper),
                api.get("/api/orders?page=-1", shopper),
                api.put("/api/me/profile", shopper, Map.of("measurements", Map.of("heightCm", "tall"))),
                api.post("/api/me/memories", shopper, "x".repeat(2 * 1024 * 1024)),
                api.upload("/api/search/visual", null, "image", "big.png", io.micronaut.http.MediaType.IMAGE_PNG_TYPE,
                        new byte[9 * 1024 * 1024]));
        assertEquals(413, errors.get(5).status(), errors.get(5)::toString);
        assertEquals(413, errors.get(6).status(), errors.get(6)::toString);
        for (Reply error : errors) {
            assertTrue(error.status() >= 400 && error.status() < 500, error::toString);
            assertTrue(error.contentType().startsWith("application/problem+json"), error::toString);
            assertTrue(members.containsAll(error.body().keySet()), "only problem members: " + error.body());
        }
    }

    private void assertRefused(String token) {
        assertEquals(401, api.get("/api/ops/checkouts", token).status(), "ops list with " + token);
        assertEquals(401, api.get("/api/me/profile", token).status(), "profile with " + token);
    }

    private static String unsigned(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Base64URL.encode(claims.toString()) + ".";
    }
}
