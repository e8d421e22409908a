package com.styleshepherd.api.catalog;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.store.catalog.Product;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductImages;
import com.styleshepherd.store.objects.StoredObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Product pictures, served from object storage through the api: the frontend needs no credentials and no
 * route to the bucket, and a browser or CDN caches them by {@code ETag} (the picture's SHA-256) for
 * {@value #MAX_AGE_SECONDS} s.
 */
@Controller("/api/products")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Public
public class ProductImageController {

    static final int MAX_AGE_SECONDS = 300;

    private final ProductCatalog catalog;
    private final ProductImages images;

    ProductImageController(ProductCatalog catalog, ProductImages images) {
        this.catalog = catalog;
        this.images = images;
    }

    /** Where product {@code id}'s picture is served. */
    static String path(long id) {
        return "/api/products/" + id + "/image";
    }

    /**
     * The product's picture, as it was uploaded (JPEG, PNG or WebP). {@code If-None-Match} with its
     * {@code ETag} answers 304. A product without a stored picture, or whose picture is missing from the
     * store, answers 404.
     */
    @Get("/{id}/image")
    @Operation(operationId = "getProductImage", security = {})
    @ApiResponse(responseCode = "200", description = "The picture",
            content = {
                @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))},
            headers = {
                @io.swagger.v3.oas.annotations.headers.Header(name = "ETag",
                        description = "the picture's SHA-256, quoted", schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(name = "Cache-Control",
                        description = "public, max-age=300", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "304", description = "The picture is the one the caller has (`If-None-Match`)")
    @Problems.BadRequest
    @Problems.NotFound
    HttpResponse<byte[]> image(@PathVariable @Positive long id,
            @Header(HttpHeaders.IF_NONE_MATCH) @Nullable @Size(max = 200) String ifNoneMatch) {
        Product product = catalog.find(id)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No product with id " + id))
                .product();
        if (product.imageKey() == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "Product " + id + " has no stored picture");
        }
        String eTag = "\"" + product.imageSha256() + "\"";
        if (eTag.equals(ifNoneMatch)) {
            return HttpResponse.<byte[]>notModified().header(HttpHeaders.ETAG, eTag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl());
        }
        StoredObject picture = images.read(product).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "The picture of product " + id + " is missing from the image store"));
        return HttpResponse.ok(picture.bytes())
                .contentType(MediaType.of(product.imageContentType()))
                .header(HttpHeaders.ETAG, eTag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl());
    }

    private static String cacheControl() {
        return "public, max-age=" + MAX_AGE_SECONDS;
    }
}
