package com.styleshepherd.api.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param page 1-based page number
 * @param pageSize the page size asked for
 * @param total how many products match in all
 */
// Empty lists and maps are sent ("items": []); only absent values are left out.
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@Serdeable
public record ProductPage(List<ProductResponse> items, int page, int pageSize, long total) {
}
