package com.styleshepherd.store.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.store.objects.StoredObject;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Product pictures against a real PostgreSQL and a real S3-compatible server (S3Proxy). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductImagesTest implements RealInfrastructure {

    @Inject
    ProductCatalog catalog;

    @Inject
    ProductImages images;

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void storesAPictureOnceUnderItsHashAndReadsItBack() {
        Product product = save("ONCE", "front.jpg");
        // Bytes made unique per run, so the key is this test's own; the store checks formats from the api.
        byte[] bytes = ("\u00ff\u00d8\u00ff picture " + tag).getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(images.attach(product.id(), bytes, "image/jpeg"));
        Product stored = catalog.find(product.id()).orElseThrow().product();
        assertEquals(product.contentVersion() + 1, stored.contentVersion(), "a new picture waits for embedding");
        assertEquals("image/jpeg", stored.imageContentType());
        assertEquals(bytes.length, stored.imageSize());
        assertEquals("products/" + stored.imageSha256() + ".jpg", stored.imageKey());
        StoredObject object = images.read(stored).orElseThrow();
        assertArrayEquals(bytes, object.bytes());
        assertEquals("image/jpeg", object.contentType());

        assertFalse(images.attach(product.id(), bytes, "image/jpeg"), "the same picture again");
        assertEquals(stored.contentVersion(), catalog.find(product.id()).orElseThrow().product().contentVersion());
    }

    @Test
    void namingAnotherPictureDropsTheStoredOneAndTheSameNameKeepsIt() {
        Product product = save("RENAMED", "first.jpg");
        images.attach(product.id(), ("\u0089PNG " + tag).getBytes(StandardCharsets.ISO_8859_1), "image/png");
        save("RENAMED", "first.jpg");
        assertEquals("image/png", catalog.find(product.id()).orElseThrow().product().imageContentType(),
                "saved again as it was: the picture stays");
        Product renamed = save("RENAMED", "second.jpg");
        assertNull(renamed.imageKey(), "the stored picture was the first file's");
        assertNull(renamed.imageSha256());
        assertTrue(images.read(renamed).isEmpty());
    }

    @Test
    void refusesWhatIsNoPictureFormatAndUnknownProducts() {
        Product product = save("REFUSED", null);
        assertThrows(IllegalArgumentException.class, () -> images.attach(product.id(), new byte[] {1}, "text/plain"));
        assertThrows(IllegalArgumentException.class, () -> images.attach(product.id(), new byte[0], "image/png"));
        assertThrows(java.util.NoSuchElementException.class,
                () -> images.attach(Long.MAX_VALUE, new byte[] {1}, "image/png"));
        assertNull(catalog.find(product.id()).orElseThrow().product().imageKey(), "nothing changed");
    }

    private Product save(String name, String imageRef) {
        String sku = "IMG-" + tag + "-" + name;
        catalog.save(new ProductDraft(sku, "Picture test " + name, "A product with a picture", "images-test",
                null, null, new BigDecimal("10.00"), "USD", Map.of(), imageRef,
                List.of(new ProductDraft.SizeStock("M", 1))));
        return catalog.findBySku(sku).orElseThrow().product();
    }
}
