package com.styleshepherd.api.catalog;

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
    @Put("/{sku}")
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
