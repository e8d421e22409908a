package com.styleshepherd.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.devstack.S3ProxyServer;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Object storage stopped under a running api: the endpoints that need it answer 503 with {@code Retry-After}
 * and the object-storage problem type, and everything else goes on (the product itself still reads). The
 * class has an S3Proxy of its own, so stopping it leaves the other tests' store alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductImageOutageTest implements TestPropertyProvider {

    private final S3ProxyServer store = S3ProxyServer.start("outage-test-images");

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.properties());
        properties.putAll(store.properties());
        return properties;
    }

    @AfterAll
    void stopStore() {
        store.close();
    }

    @Test
    void storageDownAnswers503WithRetryAfterAndTheCatalogStillReads() {
        String ops = tokens.ops("ops-outage");
        String sku = "PIC-OUT-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Reply created = api.put("/api/ops/products/" + sku, ops, Map.of("name", "Outage Tee",
                "description", "A tee whose picture store goes down", "category", "tops", "price", "19.00",
                "currency", "USD", "sizes", List.of(Map.of("size", "M", "stock", 1))));
        long id = ((Number) created.body().get("id")).longValue();
        byte[] jpeg = ProductImageApiTest.picture("jpg", Color.GREEN, Color.BLUE);
        String path = "/api/ops/products/" + sku + "/image";
        assertEquals(200, api.uploadPut(path, ops, "image", "x.jpg", MediaType.IMAGE_JPEG_TYPE, jpeg).status());
        assertEquals(200, api.getBytes("/api/products/" + id + "/image", null).code());

        store.close();

        Reply read = api.get("/api/products/" + id + "/image");
        assertEquals(503, read.status(), read.body().toString());
        assertEquals("/problems/object-storage-unavailable", read.body().get("type"));
        assertEquals("5", read.header("Retry-After").orElseThrow());
        assertFalse(read.body().toString().contains("Exception"), read.body().toString());
        Reply upload = api.uploadPut(path, ops, "image", "y.png", MediaType.IMAGE_PNG_TYPE,
                ProductImageApiTest.picture("png", Color.RED, Color.BLUE));
        assertEquals(503, upload.status(), upload.body().toString());
        assertEquals("/problems/object-storage-unavailable", upload.body().get("type"));
        assertEquals("5", upload.header("Retry-After").orElseThrow());

        Reply product = api.get("/api/products/" + id);
        assertEquals(200, product.status(), "the catalog does not need the store");
        assertEquals("/api/products/" + id + "/image", product.body().get("imageUrl"));
    }
}
