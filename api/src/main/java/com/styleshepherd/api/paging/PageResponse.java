package com.styleshepherd.api.paging;

import io.micronaut.data.model.Page;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, the same shape on every listing endpoint.
 *
 * @param page 1-based page number
 * @param pageSize the page size asked for
 * @param total how many items match in all
 */
@Serdeable
public record PageResponse<T>(List<T> items, int page, int pageSize, long total) {

    public static <R, T> PageResponse<T> of(Page<R> found, Function<R, T> toResponse, Paging paging) {
        return new PageResponse<>(found.getContent().stream().map(toResponse).toList(), paging.page(),
                paging.pageSize(), found.getTotalSize());
    }
}
