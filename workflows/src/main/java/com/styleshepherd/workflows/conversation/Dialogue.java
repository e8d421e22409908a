package com.styleshepherd.workflows.conversation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The conversation's memory rules, pure and deterministic (they run inside the workflow): which product
 * "the second one" or "the navy one" means, what "cheaper ones" changes, and how the cart changes.
 */
public final class Dialogue {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Dialogue() {
    }

    /**
     * The shown product the shopper refers to: by number ("the second one", "the last one"), by colour or
     * category among those shown ("the navy one"), else the one in focus, else the only one shown.
     */
    public static Optional<ShownProduct> referredProduct(ConversationContext context, Entities e) {
        List<ShownProduct> shown = context.lastResults();
        if (e.itemNumber() != null) {
            return byNumber(shown, e.itemNumber());
        }
        Optional<ShownProduct> described = shown.stream().filter(p -> matches(p.colour(), p.category(), e)).findFirst();
        if (described.isPresent()) {
            return described;
        }
        if (context.focusProductId() != null) {
            Optional<ShownProduct> focus = context.shown(context.focusProductId());
            if (focus.isPresent()) {
                return focus;
            }
            Optional<CartItem> inCart = context.cart().stream()
                    .filter(item -> item.productId() == context.focusProductId()).findFirst();
            if (inCart.isPresent()) {
                return inCart.map(CartItem::asShown);
            }
        }
        return shown.size() == 1 ? Optional.of(shown.getFirst()) : Optional.empty();
    }

    /** The cart line the shopper refers to: by number, colour or category, else the focus, else the only line. */
    public static Optional<CartItem> referredCartItem(ConversationContext context, Entities e) {
        List<CartItem> cart = context.cart();
        if (e.itemNumber() != null) {
            return byNumber(cart, e.itemNumber());
        }
        Optional<CartItem> described = cart.stream().filter(item -> matches(item.colour(), item.category(), e)
                && (e.size() == null || e.size().equalsIgnoreCase(item.size()))).findFirst();
        if (described.isPresent()) {
            return described;
        }
        if (context.focusProductId() != null) {
            Optional<CartItem> focus = cart.stream().filter(i -> i.productId() == context.focusProductId()).findFirst();
            if (focus.isPresent()) {
                return focus;
            }
        }
        return cart.size() == 1 ? Optional.of(cart.getFirst()) : Optional.empty();
    }

    /**
     * The size to add: the one named, else the only size in stock. Empty when the shopper must choose.
     */
    public static Optional<String> sizeToAdd(ShownProduct product, Entities e) {
        if (e.size() != null) {
            return Optional.of(e.size().toUpperCase(Locale.ROOT));
        }
        return product.sizesInStock().size() == 1 ? Optional.of(product.sizesInStock().getFirst()) : Optional.empty();
    }

    public static boolean inStock(ShownProduct product, String size) {
        return product.sizesInStock().stream().anyMatch(s -> s.equalsIgnoreCase(size));
    }

    /** The cart with {@code quantity} more of the product in the size (one line per product and size). */
    public static List<CartItem> add(List<CartItem> cart, ShownProduct product, String size, int quantity) {
        List<CartItem> next = new ArrayList<>(cart.size() + 1);
        boolean merged = false;
        for (CartItem item : cart) {
            if (item.productId() == product.productId() && item.size().equalsIgnoreCase(size)) {
                next.add(new CartItem(item.productId(), item.name(), item.category(), item.colour(), item.size(),
                        Math.min(20, item.quantity() + quantity), item.unitPrice(), item.currency()));
                merged = true;
            } else {
                next.add(item);
            }
        }
        if (!merged) {
            next.add(new CartItem(product.productId(), product.name(), product.category(), product.colour(), size,
                    quantity, product.price(), product.currency()));
        }
        return List.copyOf(next);
    }

    public static List<CartItem> remove(List<CartItem> cart, CartItem line) {
        return cart.stream().filter(item -> !item.equals(line)).toList();
    }

    /**
     * The slots of a follow-up: "cheaper ones" looks below the median price of what was shown, "pricier
     * ones" above it; any slot the shopper names replaces the old one.
     */
    public static SearchSlots refine(ConversationContext context, Entities e) {
        SearchSlots slots = context.slots().refinedBy(e);
        if (e.priceDirection() == null || context.lastResults().isEmpty()) {
            return slots;
        }
        BigDecimal median = median(context.lastResults());
        if ("cheaper".equals(e.priceDirection())) {
            BigDecimal max = median.subtract(CENT);
            BigDecimal min = slots.minPrice() != null && slots.minPrice().compareTo(max) < 0 ? slots.minPrice() : null;
            return slots.withPrices(min, e.maxPrice() != null ? e.maxPrice().min(max) : max);
        }
        BigDecimal min = median.add(CENT);
        BigDecimal max = slots.maxPrice() != null && slots.maxPrice().compareTo(min) > 0 ? slots.maxPrice() : null;
        return slots.withPrices(e.minPrice() != null ? e.minPrice().max(min) : min, max);
    }

    static BigDecimal median(List<ShownProduct> products) {
        List<BigDecimal> prices = products.stream().map(ShownProduct::price).sorted().toList();
        int middle = prices.size() / 2;
        return prices.size() % 2 == 1
                ? prices.get(middle)
                : prices.get(middle - 1).add(prices.get(middle)).divide(BigDecimal.TWO, 2, RoundingMode.HALF_UP);
    }

    private static boolean matches(String colour, String category, Entities e) {
        if (e.colour() == null && e.category() == null) {
            return false;
        }
        return (e.colour() == null || e.colour().equalsIgnoreCase(colour))
                && (e.category() == null || e.category().equalsIgnoreCase(category));
    }

    private static <T> Optional<T> byNumber(List<T> items, int number) {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        int index = number == Entities.LAST ? items.size() - 1 : number - 1;
        return index >= 0 && index < items.size() ? Optional.of(items.get(index)) : Optional.empty();
    }
}
