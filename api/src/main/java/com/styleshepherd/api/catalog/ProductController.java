package com.styleshepherd.api.catalog;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.catalog.ProductCatalog;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Set;

/**
 * The public catalog: anyone may browse it. Search pages are cached in Valkey for
 * {@code styleshepherd.catalog.search-cache-ttl} (default 60 s) under the tag {@value #CATALOG_TAG}, which
 * every product change invalidates; stock moved by checkouts shows in {@code inStock} filters within
 * that time (the checkout itself always checks stock).
 */
@Controller("/api/products")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Public
public class ProductController {

    public static final String CACHE = "catalog-search";
    public static final String CATALOG_TAG = "catalog";
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Argument<PageResponse<ProductResponse>> PAGE =
            (Argument) Argument.of(PageResponse.class, ProductResponse.class);

    private final ProductCatalog catalog;
    private final TaggedCache cache;
    private final Duration cacheTtl;

    ProductController(ProductCatalog catalog, TaggedCache cache,
            @Value("${styleshepherd.catalog.search-cache-ttl:60s}") Duration cacheTtl) {
        this.catalog = catalog;
        this.cache = cache;
        this.cacheTtl = cacheTtl;
    }

    /** Products matching the filters, a page at a time, by id. */
    @Get("{?q,category,colour,minPrice,maxPrice,size,inStock,page,pageSize}")
    @Operation(operationId = "listProducts", security = {})
    @Problems.BadRequest
    PageResponse<ProductResponse> list(@Valid @RequestBean ProductSearchRequest request) {
        request.checkPriceRange();
        Paging paging = request.paging();
        return cache.getOrCompute(CACHE, request.cacheKey(), PAGE, cacheTtl, Set.of(CATALOG_TAG), () ->
                PageResponse.of(catalog.search(request.toQuery(), paging.pageable()), ProductResponse::of, paging));
    }

    /** One product, with its sizes and stock. */
    @Get("/{id}")
    @Operation(operationId = "getProduct", security = {})
    @Problems.BadRequest
    @Problems.NotFound
    ProductResponse get(@PathVariable @Positive long id) {
        return catalog.find(id)
                .map(ProductResponse::of)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No product with id " + id));
    }
}
