package com.styleshepherd.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param page 1-based page number
 * @param pageSize the page size asked for
 * @param total how many products match in all
 */
@Serdeable
public record ProductPage(List<ProductResponse> items, int page, int pageSize, long total) {
}
