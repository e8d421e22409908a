package com.styleshepherd.api.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.search.CatalogEmbeddings;
import com.styleshepherd.store.catalog.Product;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductImages;
import com.styleshepherd.store.objects.ObjectStorageSettings;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Product pictures in object storage, end to end on a real S3-compatible server (S3Proxy, in
 * {@link TestInfrastructure}) with both workers in-process: the catalog import (fashion-product-images
 * mapping, pictures from the image folder) stores a picture, the api serves it back, the embedding job
 * reads it from the store, and ops upload pictures with their checks.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.catalog.max-image-size", value = "96KB")
class ProductImageApiTest implements TestPropertyProvider {

    private static final Path IMAGE_ROOT = createImageRoot();

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CatalogEmbeddings embeddings;

    @Inject
    ProductCatalog catalog;

    @Inject
    ProductImages images;

    @Inject
    ObjectStorageSettings storage;

    private String ops;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("styleshepherd.catalog.image-root", IMAGE_ROOT.toString());
        return properties;
    }

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops-images");
    }

    @Test
    void anImportedPictureIsServedFromTheStoreAndEmbeddedByTheWorkflow() throws Exception {
        long id = 900_000 + ThreadLocalRandom.current().nextInt(99_999);
        byte[] jpeg = picture("jpg", new Color(200, 40, 90), new Color(20, 160, 220));
        Files.write(IMAGE_ROOT.resolve(id + ".jpg"), jpeg);
        // A row whose picture is not in the folder is saved without one, and reported.
        long missing = id + 100_000;
        String styles = "id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n"
                + id + ",Women,Apparel,Topwear,Picture Test Tops,Pink,Summer,2012,Casual,Pink Picture Test Top\n"
                + missing + ",Women,Apparel,Topwear,Picture Test Tops,Blue,Summer,2012,Casual,Blue Picture Test Top\n";
        String query = "?mapping=fashion-product-images&defaultPrice=7011.00&defaultSizes=S,M&defaultStock=3";
        Reply first = importCsv(query, styles);
        assertEquals(200, first.status(), first.body().toString());
        assertEquals(2, number(first, "created"), first.body().toString());
        assertEquals(1, number(first, "imagesStored"), first.body().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) first.body().get("imageProblems");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("FPI-" + missing, problems.get(0).get("sku"));
        assertEquals(3L, ((Number) problems.get(0).get("line")).longValue());

        Product product = catalog.findBySku("FPI-" + id).orElseThrow().product();
        Reply read = api.get("/api/products/" + product.id());
        assertEquals(id + ".jpg", read.body().get("image"), "the picture as the row named it");
        String imageUrl = (String) read.body().get("imageUrl");
        assertEquals("/api/products/" + product.id() + "/image", imageUrl);
        assertNull(api.get("/api/products/" + catalog.findBySku("FPI-" + missing).orElseThrow().product().id())
                .body().get("imageUrl"), "no stored picture, no URL");

        HttpResponse<byte[]> served = api.getBytes(imageUrl, null);
        assertEquals(200, served.code());
        assertArrayEquals(jpeg, served.body(), "the bytes imported");
        assertEquals("image/jpeg", served.getContentType().orElseThrow().toString());
        String eTag = served.getHeaders().get("ETag");
        assertEquals("\"" + product.imageSha256() + "\"", eTag);
        assertEquals("public, max-age=300", served.getHeaders().get("Cache-Control"));
        Reply notModified = api.get(imageUrl, null, Map.of("If-None-Match", eTag));
        assertEquals(304, notModified.status());

        // Straight from the store too, through a short-lived presigned URL, without credentials.
        URI presigned = images.presignedUrl(product).orElseThrow();
        assertTrue(presigned.getQuery().contains("X-Amz-Signature="), presigned.toString());
        try (HttpClient http = HttpClient.newHttpClient()) {
            var direct = http.send(HttpRequest.newBuilder(presigned).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, direct.statusCode());
            assertArrayEquals(jpeg, direct.body());
        }

        // The embedding workflow reads the picture from the store: visual search finds the product by it.
        Map<String, Object> job = embeddings.run(ops);
        assertEquals("COMPLETED", job.get("state"), job.toString());
        Reply found = api.upload("/api/search/visual?topK=1&category=picture-test-tops&minPrice=7011&maxPrice=7011",
                null, "image", "query.jpg", MediaType.IMAGE_JPEG_TYPE, jpeg);
        assertEquals(200, found.status(), found.body().toString());
        assertEquals(1, found.items().size(), found.body().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) found.items().get(0).get("product");
        assertEquals("FPI-" + id, top.get("sku"));
        assertEquals(1.0, ((Number) found.items().get(0).get("score")).doubleValue(), 1e-4);

        // The same file again changes nothing and uploads nothing.
        Reply again = importCsv(query, styles);
        assertEquals(200, again.status(), again.body().toString());
        assertEquals(2, number(again, "unchanged"), again.body().toString());
        assertEquals(0, number(again, "imagesStored"), again.body().toString());
        assertNull(again.body().get("embeddingJobId"));
    }

    @Test
    void opsUploadAPictureAndBadOnesAreRefusedNamingTheField() {
        String sku = "PIC-UP-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Reply created = api.put("/api/ops/products/" + sku, ops, Map.of("name", "Upload Test Tee",
                "description", "A tee for the upload test", "category", "tops", "price", "19.00", "currency", "USD",
                "sizes", List.of(Map.of("size", "M", "stock", 1))));
        assertEquals(201, created.status(), created.body().toString());
        long id = ((Number) created.body().get("id")).longValue();
        assertEquals(404, api.get("/api/products/" + id + "/image").status(), "no picture yet");
        int contentVersion = catalog.find(id).orElseThrow().product().contentVersion();

        byte[] png = picture("png", Color.ORANGE, Color.DARK_GRAY);
        Reply uploaded = api.uploadPut("/api/ops/products/" + sku + "/image", ops, "image", "any-name.bin",
                MediaType.APPLICATION_OCTET_STREAM_TYPE, png);
        assertEquals(200, uploaded.status(), uploaded.body().toString());
        assertEquals("/api/products/" + id + "/image", uploaded.body().get("imageUrl"));
        HttpResponse<byte[]> served = api.getBytes("/api/products/" + id + "/image", null);
        assertArrayEquals(png, served.body());
        assertEquals("image/png", served.getContentType().orElseThrow().toString(), "sniffed from the bytes");
        assertEquals(contentVersion + 1, catalog.find(id).orElseThrow().product().contentVersion(),
                "a new picture waits for embedding");
        Reply same = api.uploadPut("/api/ops/products/" + sku + "/image", ops, "image", "again.png",
                MediaType.IMAGE_PNG_TYPE, png);
        assertEquals(200, same.status());
        assertEquals(contentVersion + 1, catalog.find(id).orElseThrow().product().contentVersion(),
                "the same picture again changes nothing");

        String path = "/api/ops/products/" + sku + "/image";
        Reply text = api.uploadPut(path, ops, "image", "notes.jpg", MediaType.IMAGE_JPEG_TYPE,
                "not a picture".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, text.status(), text.body().toString());
        assertEquals(List.of("image"), text.violatedFields());
        byte[] damaged = Arrays.copyOf(png, 40); // the header and a cut-off IHDR
        Reply broken = api.uploadPut(path, ops, "image", "broken.png", MediaType.IMAGE_PNG_TYPE, damaged);
        assertEquals(400, broken.status(), broken.body().toString());
        assertEquals(List.of("image"), broken.violatedFields());
        byte[] large = Arrays.copyOf(png, 100 * 1024);
        Reply tooLarge = api.uploadPut(path, ops, "image", "large.png", MediaType.IMAGE_PNG_TYPE, large);
        assertEquals(413, tooLarge.status(), tooLarge.body().toString());
        assertEquals(List.of("image"), tooLarge.violatedFields());
        Reply noPart = api.uploadPut(path, ops, "photo", "x.png", MediaType.IMAGE_PNG_TYPE, png);
        assertEquals(400, noPart.status());
        assertEquals(List.of("image"), noPart.violatedFields());
        for (Reply refused : List.of(text, broken, tooLarge, noPart)) {
            assertFalse(refused.body().toString().contains("Exception"), refused.body().toString());
        }
        assertArrayEquals(png, api.getBytes("/api/products/" + id + "/image", null).body(), "refusals changed nothing");

        assertEquals(404, api.uploadPut("/api/ops/products/NO-SUCH-" + sku + "/image", ops, "image", "x.png",
                MediaType.IMAGE_PNG_TYPE, png).status());
        assertEquals(403, api.uploadPut(path, tokens.shopper("shopper-images"), "image", "x.png",
                MediaType.IMAGE_PNG_TYPE, png).status());
        assertEquals(401, api.uploadPut(path, null, "image", "x.png", MediaType.IMAGE_PNG_TYPE, png).status());
    }

    @Test
    void aPictureMissingFromTheStoreIsA404Problem() {
        String sku = "PIC-GONE-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Reply created = api.put("/api/ops/products/" + sku, ops, Map.of("name", "Vanishing Tee",
                "description", "Its picture is deleted behind the shop's back", "category", "tops", "price", "19.00",
                "currency", "USD", "sizes", List.of(Map.of("size", "M", "stock", 1))));
        long id = ((Number) created.body().get("id")).longValue();
        // A picture of its own (no other product shares its key), then deleted from the bucket directly.
        byte[] jpeg = picture("jpg", new Color(ThreadLocalRandom.current().nextInt(0xFFFFFF)), Color.WHITE);
        assertEquals(200, api.uploadPut("/api/ops/products/" + sku + "/image", ops, "image", "x.jpg",
                MediaType.IMAGE_JPEG_TYPE, jpeg).status());
        String key = catalog.find(id).orElseThrow().product().imageKey();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(storage.endpoint()))
                .region(Region.of(storage.region())).forcePathStyle(true)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(storage.accessKey(), storage.secretKey())))
                .build()) {
            s3.deleteObject(b -> b.bucket(storage.bucket()).key(key));
        }
        Reply gone = api.get("/api/products/" + id + "/image");
        assertEquals(404, gone.status());
        assertEquals("application/problem+json", gone.contentType());
        assertEquals("The picture of product " + id + " is missing from the image store", gone.body().get("detail"));
        assertEquals(404, api.get("/api/products/987654321/image").status());
        Reply badId = api.get("/api/products/0/image");
        assertEquals(400, badId.status());
        assertEquals(List.of("id"), badId.violatedFields());
    }

    private Reply importCsv(String query, String csv) {
        return api.upload("/api/ops/products/import" + query, ops, "file", "styles.csv", MediaType.of("text/csv"),
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private static int number(Reply reply, String field) {
        return ((Number) reply.body().get(field)).intValue();
    }

    /** A small picture in two colours (diagonal halves) as {@code format} ("jpg" or "png"). */
    static byte[] picture(String format, Color one, Color two) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(one);
        g.fillRect(0, 0, 64, 48);
        g.setColor(two);
        g.fillPolygon(new int[] {0, 64, 64}, new int[] {0, 0, 48}, 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path createImageRoot() {
        try {
            return Files.createTempDirectory("product-images-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
