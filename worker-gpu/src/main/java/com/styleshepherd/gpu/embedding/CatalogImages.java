package com.styleshepherd.gpu.embedding;

import com.styleshepherd.inference.ImageDecoder;
import com.styleshepherd.store.catalog.ProductImages;
import com.styleshepherd.store.embedding.EmbeddingSource;
import com.styleshepherd.store.objects.StoredObject;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a product's picture: from object storage when the product names an object ({@code image_key});
 * else, for rows from before object storage, from its {@code image_ref}: an http(s) URL, or a file name under
 * {@code styleshepherd.catalog.image-root} (a mounted volume or a local folder). Pictures over 10 MiB
 * are refused. Object storage that does not answer is not the picture's fault: its
 * {@link com.styleshepherd.store.objects.ObjectStorageUnavailableException} goes up, and the activity is
 * retried rather than the product skipped.
 */
@Singleton
public class CatalogImages {

    static final int MAX_BYTES = 10 * 1024 * 1024;

    private final Path root;
    private final ProductImages stored;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    CatalogImages(@Nullable @Value("${styleshepherd.catalog.image-root:}") String root, ProductImages stored) {
        this.stored = stored;
        this.root = root == null || root.isBlank() ? null : Path.of(root).toAbsolutePath().normalize();
    }

    /** The product's picture, decoded. */
    public BufferedImage load(EmbeddingSource source) throws IOException {
        if (source.imageKey() != null) {
            StoredObject object = stored.read(source.imageKey()).orElseThrow(() -> new IOException(
                    "picture " + source.imageKey() + " is not in object storage"));
            if (object.bytes().length > MAX_BYTES) {
                throw new IOException("picture " + source.imageKey() + " is over " + MAX_BYTES + " bytes");
            }
            return ImageDecoder.decode(object.bytes());
        }
        return load(source.imageRef());
    }

    /** The picture, decoded. */
    public BufferedImage load(String imageRef) throws IOException {
        return ImageDecoder.decode(bytes(imageRef));
    }

    byte[] bytes(String imageRef) throws IOException {
        if (imageRef.startsWith("http://") || imageRef.startsWith("https://")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(imageRef)).timeout(Duration.ofSeconds(20)).GET().build();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IOException(imageRef + " answered " + response.statusCode());
                    }
                    return limited(body, imageRef);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted reading " + imageRef, e);
            }
        }
        if (root == null) {
            throw new IOException("picture " + imageRef + " is a file name but styleshepherd.catalog.image-root is not set");
        }
        Path file = root.resolve(imageRef).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("picture " + imageRef + " lies outside the image root");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return limited(in, imageRef);
        }
    }

    private static byte[] limited(InputStream in, String imageRef) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("picture " + imageRef + " is over " + MAX_BYTES + " bytes");
        }
        return bytes;
    }
}
