package com.styleshepherd.workflows.returnrisk;

import java.util.Map;

/**
 * What the shopper told us about their body (centimetres and kilograms; null when unknown) and the sizes they
 * usually wear per category ({@code {"dresses":"M","shoes":"39"}}).
 */
public record ShopperFit(
        Double heightCm, Double bustCm, Double chestCm, Double waistCm, Double hipsCm, Double inseamCm,
        Map<String, String> usualSizes, Double weightKg) {

    public static final ShopperFit UNKNOWN = new ShopperFit(null, null, null, null, null, null, Map.of(), null);

    public ShopperFit {
        usualSizes = usualSizes == null ? Map.of() : Map.copyOf(usualSizes);
    }
}
