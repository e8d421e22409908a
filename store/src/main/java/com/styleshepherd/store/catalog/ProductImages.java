package com.styleshepherd.store.catalog;

import com.styleshepherd.store.objects.S3ObjectStore;
import com.styleshepherd.store.objects.StoredObject;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product pictures in object storage. A picture is stored under a key made from its SHA-256
 * ({@code products/<sha256>.<ext>}): the same picture uploaded again is the same object and changes nothing,
 * and an object never changes under its key, so a reader may cache it for good. The product row names the
 * key ({@code image_key}, with the content type, size and hash). The caller checks what the bytes are (the
 * api sniffs and decodes them); this class takes JPEG, PNG and WebP only, and writes the object before the
 * row, so a row never names an object that is not there.
 */
@Singleton
public class ProductImages {

    /** The content types a product picture may have, with the extension its key gets. */
    static final Map<String, String> CONTENT_TYPES = Map.of(
            "image/jpeg", "jpg", "image/png", "png", "image/webp", "webp");

    private static final Logger LOG = LoggerFactory.getLogger(ProductImages.class);

    private final S3ObjectStore objects;
    private final ProductRepository products;
    private final ProductImageRepository images;

    ProductImages(S3ObjectStore objects, ProductRepository products, ProductImageRepository images) {
        this.objects = objects;
        this.products = products;
        this.images = images;
    }

    /**
     * Stores the picture and makes it the product's; whether the product's picture changed (false: it
     * already was this one).
     *
     * @throws IllegalArgumentException for a content type other than JPEG, PNG or WebP, or no bytes
     * @throws java.util.NoSuchElementException when there is no product with that id
     */
    @Transactional
    public boolean attach(long productId, byte[] bytes, String contentType) {
        String extension = CONTENT_TYPES.get(contentType);
        if (extension == null || bytes.length == 0) {
            throw new IllegalArgumentException("a product picture is a JPEG, PNG or WebP file, not " + contentType
                    + " of " + bytes.length + " bytes");
        }
        products.findById(productId).orElseThrow();
        String sha256 = sha256(bytes);
        String key = "products/" + sha256 + "." + extension;
        if (!objects.exists(key)) {
            objects.put(key, bytes, contentType);
        }
        boolean changed = images.attach(productId, key, contentType, bytes.length, sha256) > 0;
        LOG.info("Product {} picture {} ({}, {} bytes){}", productId, key, contentType, bytes.length,
                changed ? "" : ", unchanged");
        return changed;
    }

    /**
     * The product's picture as stored, or empty when the product has none in object storage or its object
     * is missing (deleted from the bucket behind the shop's back: logged).
     */
    @ReadOnly
    public Optional<StoredObject> read(Product product) {
        if (product.imageKey() == null) {
            return Optional.empty();
        }
        Optional<StoredObject> object = objects.get(product.imageKey());
        if (object.isEmpty()) {
            LOG.warn("Product {} names picture {}, which is not in bucket {}", product.id(), product.imageKey(),
                    objects.bucket());
        }
        return object;
    }

    /** The picture under {@code key}, as the embedding activity reads it. */
    public Optional<StoredObject> read(String key) {
        return objects.get(key);
    }

    /** A short-lived URL that reads the product's picture straight from the store, without credentials. */
    public Optional<URI> presignedUrl(Product product) {
        return Optional.ofNullable(product.imageKey()).map(objects::presignedGet);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
