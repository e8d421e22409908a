package com.styleshepherd.api.catalog;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.catalog.CatalogProduct;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductImages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ops upload one product's picture into object storage. */
@Controller("/api/ops/products")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsProductImageController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsProductImageController.class);

    private final ProductCatalog catalog;
    private final ProductImages images;
    private final ProductPictures pictures;
    private final TaggedCache cache;

    OpsProductImageController(ProductCatalog catalog, ProductImages images, ProductPictures pictures,
            TaggedCache cache) {
        this.catalog = catalog;
        this.images = images;
        this.pictures = pictures;
        this.cache = cache;
    }

    /**
     * Makes the uploaded picture (multipart part {@code image}: JPEG, PNG or WebP, recognised from its bytes,
     * at most 8 MB by default, {@code styleshepherd.catalog.max-image-size}) the product's, stored in object
     * storage; the product as it is now, with its {@code imageUrl}. A new picture marks the product for image
     * embedding; uploading the same picture again changes nothing. 413 for a picture too large, 415 for a
     * file that is no JPEG, PNG or WebP, 400 for a damaged one, each naming {@code image}; 404 for an unknown
     * SKU.
     */
    @Put(uri = "/{sku}/image", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadProductImage")
    @Problems.Body
    @Problems.NotFound
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = ProductPicture.class)))
    ProductResponse upload(Principal ops,
            @PathVariable @Pattern(regexp = SaveProductRequest.SKU, message = "must be 1-64 letters, digits, '.', '_' or '-'") String sku,
            @Part("image") @Nullable CompletedFileUpload image) {
        if (image == null || image.getSize() == 0) {
            throw FieldProblem.of("image", "is required: a JPEG, PNG or WebP picture as multipart part \"image\"");
        }
        if (image.getSize() > pictures.maxBytes()) {
            throw FieldProblem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "image",
                    "is " + image.getSize() + " bytes; at most " + pictures.maxBytes() + " are accepted");
        }
        byte[] bytes;
        try {
            bytes = image.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String contentType;
        try {
            contentType = pictures.contentType(bytes);
        } catch (ProductPictures.Refused refused) {
            throw FieldProblem.of(refused.status(), "image", refused.getMessage());
        }
        CatalogProduct product = catalog.findBySku(sku)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No product with SKU " + sku));
        boolean changed = images.attach(product.product().id(), bytes, contentType);
        if (changed) {
            cache.invalidate(ProductController.CACHE, ProductController.CATALOG_TAG);
        }
        LOG.info("Product picture uploaded userId={} sku={} id={} contentType={} bytes={} changed={}", ops.getName(),
                sku, product.product().id(), contentType, bytes.length, changed);
        return ProductResponse.of(catalog.findBySku(sku).orElseThrow());
    }

    /**
     * The body of a picture upload as the OpenAPI document describes it.
     *
     * @param image the picture: JPEG, PNG or WebP
     */
    @Schema(name = "ProductPicture")
    record ProductPicture(
            @Schema(type = "string", format = "binary", maxLength = 8388608,
                    requiredMode = Schema.RequiredMode.REQUIRED) byte[] image) {
    }
}
