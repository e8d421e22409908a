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

    public static final Entities NONE = builder().build();

    /** Entities built by name: {@code Entities.builder().colour("navy").category("dresses").build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether anything here narrows a product search. */
    public boolean describesProducts() {
        return colour != null || category != null || occasion != null || minPrice != null || maxPrice != null
                || size != null || priceDirection != null || (keywords != null && !keywords.isBlank());
    }

    /** Names each field as it is set; unset fields stay null. */
    public static final class Builder {
        private String colour;
        private String category;
        private String occasion;
        private BigDecimal minPrice;
        private BigDecimal maxPrice;
        private String size;
        private Integer itemNumber;
        private Integer quantity;
        private String priceDirection;
        private String returnReason;
        private String preference;
        private String keywords;

        private Builder() {
        }

        public Builder colour(String value) {
            colour = value;
            return this;
        }

        public Builder category(String value) {
            category = value;
            return this;
        }

        public Builder occasion(String value) {
            occasion = value;
            return this;
        }

        public Builder priceRange(BigDecimal min, BigDecimal max) {
            minPrice = min;
            maxPrice = max;
            return this;
        }

        public Builder size(String value) {
            size = value;
            return this;
        }

        public Builder itemNumber(Integer value) {
            itemNumber = value;
            return this;
        }

        public Builder quantity(Integer value) {
            quantity = value;
            return this;
        }

        public Builder priceDirection(String value) {
            priceDirection = value;
            return this;
        }

        public Builder returnReason(String value) {
            returnReason = value;
            return this;
        }

        public Builder preference(String value) {
            preference = value;
            return this;
        }

        public Builder keywords(String value) {
            keywords = value;
            return this;
        }

        public Entities build() {
            return new Entities(colour, category, occasion, minPrice, maxPrice, size, itemNumber, quantity,
                    priceDirection, returnReason, preference, keywords);
        }
    }
}
