package com.styleshepherd.api.paging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;

/**
 * Which page of a listing was asked for: 1-based {@code page}, {@code pageSize} items (20 unless
 * given). The endpoints validate both query parameters where they declare them.
 */
public record Paging(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 20;

    public static Paging of(@Nullable Integer page, @Nullable Integer pageSize) {
        return new Paging(page == null ? 1 : page, pageSize == null ? DEFAULT_PAGE_SIZE : pageSize);
    }

    public Pageable pageable() {
        return Pageable.from(page - 1, pageSize);
    }
}
