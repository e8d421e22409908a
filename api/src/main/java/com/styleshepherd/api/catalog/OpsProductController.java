package com.styleshepherd.api.catalog;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.catalog.ProductCatalog;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Catalog maintenance for ops. */
@Controller("/api/ops/products")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsProductController {

    private static final Logger LOG = LoggerFactory.getLogger(OpsProductController.class);

    private final ProductCatalog catalog;
    private final TaggedCache cache;

    OpsProductController(ProductCatalog catalog, TaggedCache cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    /**
     * Creates the product with this SKU (201 with its {@code Location}) or replaces it (200). Repeating
     * the same request changes nothing.
     */
    // "import" is no SKU: /api/ops/products/import is the catalog import, which takes POST only (PUT there is 405).
    @Put("/{sku:(?!import$)[^/]+}")
    @Operation(operationId = "saveProduct")
    @ApiResponse(responseCode = "200", description = "The product, replaced (or unchanged)", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "201", description = "The product, created", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the product's URL", schema = @Schema(type = "string")))
    @Problems.Body
    HttpResponse<ProductResponse> save(
            Principal ops,
            @PathVariable @Pattern(regexp = SaveProductRequest.SKU, message = "must be 1-64 letters, digits, '.', '_' or '-'") String sku,
            @Valid @Body SaveProductRequest request) {
        ProductCatalog.SaveResult result = catalog.save(request.toDraft(sku));
        if (result.outcome() != ProductCatalog.Outcome.UNCHANGED) {
            cache.invalidate(ProductController.CACHE, ProductController.CATALOG_TAG);
        }
        ProductResponse body = ProductResponse.of(result.product());
        LOG.info("Product saved userId={} sku={} id={} outcome={}", ops.getName(), sku, body.id(), result.outcome());
        if (result.outcome() == ProductCatalog.Outcome.CREATED) {
            return HttpResponse.created(body, URI.create("/api/products/" + body.id()));
        }
        return HttpResponse.ok(body);
    }
}
