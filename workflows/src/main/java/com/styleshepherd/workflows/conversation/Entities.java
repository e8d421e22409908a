package com.styleshepherd.workflows.conversation;

import java.math.BigDecimal;

/**
 * What the understanding step found in the shopper's words; every field may be null.
 *
 * @param colour a colour, lower case ("navy")
 * @param category a catalog category slug ("dresses")
 * @param occasion a catalog occasion ("wedding guest", "work")
 * @param minPrice the least the shopper means to pay
 * @param maxPrice the most the shopper means to pay
 * @param size a size as the catalog writes it ("M", "38")
 * @param itemNumber which of the products shown or in the cart: 1-based; {@link #LAST} for "the last one"
 * @param quantity how many
 * @param priceDirection {@code "cheaper"} or {@code "pricier"} for follow-ups on the last results
 * @param returnReason SIZE_TOO_SMALL, SIZE_TOO_LARGE, STYLE, QUALITY or OTHER
 * @param preference the words of a stated preference, to remember
 * @param keywords words that are none of the above but describe what is wanted ("linen", "floral")
 */
public record Entities(
        String colour,
        String category,
        String occasion,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        String size,
        Integer itemNumber,
        Integer quantity,
        String priceDirection,
        String returnReason,
        String preference,
        String keywords) {

    /** {@link #itemNumber} of "the last one". */
    public static final int LAST = -1;

    public static final Entities NONE =
            new Entities(null, null, null, null, null, null, null, null, null, null, null, null);

    /** Whether anything here narrows a product search. */
    public boolean describesProducts() {
        return colour != null || category != null || occasion != null || minPrice != null || maxPrice != null
                || size != null || priceDirection != null || (keywords != null && !keywords.isBlank());
    }
}
