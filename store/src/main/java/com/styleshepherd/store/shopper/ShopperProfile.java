package com.styleshepherd.store.shopper;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a shopper told the stylist about themselves. Measurements are in centimetres and kilograms
 * (the unit is in each name); any of them may be unknown.
 *
 * @param usualSizes the size they usually wear per category, e.g. {@code {"dresses":"M","shoes":"39"}}
 * @param updatedAt when it was last saved; null for a shopper who never saved one
 */
@Serdeable
public record ShopperProfile(
        @Nullable BigDecimal heightCm,
        @Nullable BigDecimal weightKg,
        @Nullable BigDecimal bustCm,
        @Nullable BigDecimal chestCm,
        @Nullable BigDecimal waistCm,
        @Nullable BigDecimal hipsCm,
        @Nullable BigDecimal inseamCm,
        Map<String, String> usualSizes,
        StylePreferences style,
        @Nullable Budget budget,
        @Nullable Instant updatedAt) {

    /** The profile of a shopper who has not said anything yet. */
    public static final ShopperProfile EMPTY = new ShopperProfile(null, null, null, null, null, null, null,
            Map.of(), StylePreferences.NONE, null, null);

    public ShopperProfile {
        usualSizes = Map.copyOf(usualSizes);
    }

    /** Colours, styles and occasions the shopper likes. */
    @Serdeable
    public record StylePreferences(List<String> colours, List<String> styles, List<String> occasions) {

        public static final StylePreferences NONE = new StylePreferences(List.of(), List.of(), List.of());

        public StylePreferences {
            colours = colours == null ? List.of() : List.copyOf(colours);
            styles = styles == null ? List.of() : List.copyOf(styles);
            occasions = occasions == null ? List.of() : List.copyOf(occasions);
        }
    }

    /** What the shopper means to spend on one item. */
    @Serdeable
    public record Budget(@Nullable BigDecimal min, @Nullable BigDecimal max, String currency) {
    }
}
