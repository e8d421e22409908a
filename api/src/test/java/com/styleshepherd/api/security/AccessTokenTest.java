package com.styleshepherd.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who may call what: public catalog reads, bearer JWTs everywhere else, ops-only maintenance. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTokenTest implements RealInfrastructure {

    private static final Map<String, Object> PRODUCT = Map.of("name", "Tee", "description", "Cotton tee",
            "category", "tops", "price", "10.00", "currency", "USD", "sizes", List.of(Map.of("size", "M", "stock", 1)));

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Test
    void catalogReadsArePublic() {
        assertEquals(200, api.get("/api/products").status());
        assertEquals(200, api.get("/health").status());
    }

    @Test
    void protectedEndpointsNeedAToken() {
        assertEquals(401, api.put("/api/ops/products/AUTH-1", null, PRODUCT).status());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        assertEquals(401, api.put("/api/ops/products/AUTH-1", Tokens.signedWithAnotherKey("ops1"), PRODUCT).status());
        assertEquals(401, api.put("/api/ops/products/AUTH-1", "not.a.jwt", PRODUCT).status());
    }

    @Test
    void shoppersCannotMaintainTheCatalog() {
        String sku = "AUTH-SHOPPER-" + System.nanoTime();
        assertEquals(403, api.put("/api/ops/products/" + sku, tokens.shopper("u1"), PRODUCT).status());
        assertEquals(List.of(), api.get("/api/products?category=tops&pageSize=100&q=tee").items().stream()
                .filter(p -> sku.equals(p.get("sku"))).toList(), "nothing saved");
    }

    @Test
    void opsCan() {
        int status = api.put("/api/ops/products/AUTH-2", tokens.ops("ops1"), PRODUCT).status();
        assertEquals(true, status == 201 || status == 200, "status " + status);
    }

    @Test
    void theDevTokenEndpointDoesNotExistOutsideDev() {
        assertEquals(404, api.post("/api/dev/token", null, Map.of("userId", "u1", "roles", List.of("ops"))).status());
    }
}
