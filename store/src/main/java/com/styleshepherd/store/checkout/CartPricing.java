package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.PricedLine;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prices a cart from the catalog. What the client thinks things cost is never asked. */
@Singleton
public class CartPricing {

    private final PricingRepository sizes;

    CartPricing(PricingRepository sizes) {
        this.sizes = sizes;
    }

    /**
     * Prices each line at the product's current price. Throws {@link ProductUnavailableException} for
     * an unknown product, a size it is not sold in, or a cart mixing currencies.
     */
    @ReadOnly
    public PricedCart price(List<CartLine> items) {
        Map<String, PricingRepository.SizeOnSale> rows = rows(items.stream().map(CartLine::productId).distinct()
                .toArray(Long[]::new));
        List<PricedLine> lines = new ArrayList<>();
        String currency = null;
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            CartLine item = items.get(i);
            if (rows.keySet().stream().noneMatch(key -> key.startsWith(item.productId() + "/"))) {
                throw new ProductUnavailableException(i, "productId", "No product " + item.productId());
            }
            PricingRepository.SizeOnSale row = rows.get(item.productId() + "/" + item.size());
            if (row == null || !row.active()) {
                throw new ProductUnavailableException(i, "size",
                        "Product " + item.productId() + " is not sold in size " + item.size());
            }
            if (currency != null && !currency.equals(row.currency())) {
                throw new ProductUnavailableException(i, "productId",
                        "Product " + item.productId() + " is priced in " + row.currency() + ", the cart in " + currency);
            }
            currency = row.currency();
            BigDecimal lineTotal = row.price().multiply(BigDecimal.valueOf(item.quantity()));
            subtotal = subtotal.add(lineTotal);
            lines.add(new PricedLine(i + 1, item.productId(), row.sizeId(), row.sku(), row.name(), row.category(),
                    item.size(), item.quantity(), row.price(), lineTotal));
        }
        // Shipping and tax are not charged yet: the total is the subtotal.
        return new PricedCart(lines, subtotal, subtotal, currency);
    }

    private Map<String, PricingRepository.SizeOnSale> rows(Long[] productIds) {
        Map<String, PricingRepository.SizeOnSale> rows = new HashMap<>();
        for (PricingRepository.SizeOnSale size : sizes.sizesOf(productIds)) {
            rows.put(size.id() + "/" + size.size(), size);
        }
        return rows;
    }
}
