package com.styleshepherd.store.catalog;

import java.util.List;

/** A product with the sizes it is currently sold in, in display order. */
public record CatalogProduct(Product product, List<ProductSize> sizes) {
}
