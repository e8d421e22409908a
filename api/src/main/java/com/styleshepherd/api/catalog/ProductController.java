package com.styleshepherd.api.catalog;

import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.store.catalog.CatalogProduct;
import com.styleshepherd.store.catalog.ProductCatalog;
import io.micronaut.data.model.Page;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

/** The public catalog: anyone may browse it. */
@Controller("/api/products")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ProductController {

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @Get("{?q,category,minPrice,maxPrice,size,inStock,page,pageSize}")
    PageResponse<ProductResponse> list(@Valid @RequestBean ProductSearchRequest request) {
        request.checkPriceRange();
        Paging paging = request.paging();
        Page<CatalogProduct> page = catalog.search(request.toQuery(), paging.pageable());
        return PageResponse.of(page, ProductResponse::of, paging);
    }

    @Get("/{id}")
    ProductResponse get(@PathVariable @Positive long id) {
        return catalog.find(id)
                .map(ProductResponse::of)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No product with id " + id));
    }
}
