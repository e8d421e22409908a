package com.styleshepherd.gpu.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.styleshepherd.devstack.S3ProxyServer;
import com.styleshepherd.store.embedding.EmbeddingSource;
import com.styleshepherd.store.objects.ObjectStorageUnavailableException;
import com.styleshepherd.store.objects.S3ObjectStore;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How the embedding activity reads pictures from object storage (a real S3Proxy of this class's own): a
 * stored picture decodes, a missing one is the product's problem (skipped), and a store that is down is not:
 * its failure goes up, so Temporal retries the activity instead of embedding the catalog without pictures.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogImagesTest implements TestPropertyProvider {

    private final S3ProxyServer store = S3ProxyServer.start("embedding-test-images");

    @Inject
    CatalogImages pictures;

    @Inject
    S3ObjectStore objects;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("datasources.default.url", TestInfrastructure.createDatabase("pictures"));
        properties.putAll(store.properties());
        return properties;
    }

    @AfterAll
    void stopStore() {
        store.close();
    }

    @Test
    void readsStoredPicturesSkipsMissingOnesAndFailsTheActivityWhileTheStoreIsDown() throws IOException {
        BufferedImage image = new BufferedImage(12, 7, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 3, 0x33AA66);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        objects.put("products/test-picture.png", png.toByteArray(), "image/png");

        BufferedImage read = pictures.load(source("products/test-picture.png"));
        assertEquals(12, read.getWidth());
        assertEquals(0x33AA66, read.getRGB(5, 3) & 0xFFFFFF);
        assertThrows(IOException.class, () -> pictures.load(source("products/not-there.png")));

        store.close();
        assertThrows(ObjectStorageUnavailableException.class, () -> pictures.load(source("products/test-picture.png")));
    }

    private static EmbeddingSource source(String imageKey) {
        return new EmbeddingSource(1, 1, "a product", "legacy.jpg", imageKey);
    }
}
