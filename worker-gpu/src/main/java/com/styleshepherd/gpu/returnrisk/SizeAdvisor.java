package com.styleshepherd.gpu.returnrisk;

import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a product's sizes should fit the shopper: the size they told us they wear in that
 * category, else the size their body measurements fall in on a standard EN 13402-style chart.
 */
public final class SizeAdvisor {

    private static final List<String> LETTERS = List.of("XXS", "XS", "S", "M", "L", "XL", "XXL");
    /** Upper bounds in cm of each letter size, XXS to XL (XXL is anything above). */
    private static final double[] BUST = {80, 84, 90, 98, 106, 114};
    private static final double[] WAIST = {64, 68, 74, 82, 90, 98};
    private static final double[] HIPS = {88, 92, 98, 104, 110, 118};
    private static final Set<String> UPPER_BODY =
            Set.of("tops", "shirts", "knitwear", "outerwear", "activewear", "dresses");
    private static final Set<String> LOWER_BODY = Set.of("skirts", "trousers");
    private static final double CM_PER_INCH = 2.54;

    private SizeAdvisor() {
    }

    /** The size that should fit, among those offered; empty when nothing tells. */
    public static Optional<String> recommend(LineSignals line, ShopperFit shopper) {
        List<String> offered = line.sizesOffered();
        String usual = shopper.usualSizes().get(line.category());
        if (usual != null && offered.contains(usual.toUpperCase(Locale.ROOT))) {
            return Optional.of(usual.toUpperCase(Locale.ROOT));
        }
        return fromChart(line, shopper);
    }

    /**
     * The size the shopper's measurements fall in on the size chart (bust or chest for tops and dresses,
     * the larger of waist and hips for skirts and trousers, waist in inches for jeans), if the product is
     * sold in it: the cold-start rule when no learned model can tell.
     */
    public static Optional<String> fromChart(LineSignals line, ShopperFit shopper) {
        List<String> offered = line.sizesOffered();
        return fromMeasurements(line.category(), shopper).filter(offered::contains)
                .or(() -> nearestNumeric(line.category(), shopper, offered));
    }

    /** Whether the product's sizes mean anything for fit (not ONE SIZE bags and scarves). */
    public static boolean isSized(LineSignals line) {
        return line.sizesOffered().size() > 1;
    }

    private static Optional<String> fromMeasurements(String category, ShopperFit shopper) {
        if (UPPER_BODY.contains(category)) {
            Double bust = shopper.bustCm() != null ? shopper.bustCm() : shopper.chestCm();
            return bust == null ? Optional.empty() : Optional.of(letter(bust, BUST));
        }
        if (LOWER_BODY.contains(category)) {
            // The larger of the waist and hip sizes: a garment must close at both.
            int waist = shopper.waistCm() == null ? -1 : LETTERS.indexOf(letter(shopper.waistCm(), WAIST));
            int hips = shopper.hipsCm() == null ? -1 : LETTERS.indexOf(letter(shopper.hipsCm(), HIPS));
            int index = Math.max(waist, hips);
            return index < 0 ? Optional.empty() : Optional.of(LETTERS.get(index));
        }
        return Optional.empty();
    }

    /** Jeans are sold by waist in inches: the offered size nearest the shopper's waist. */
    private static Optional<String> nearestNumeric(String category, ShopperFit shopper, List<String> offered) {
        if (!"jeans".equals(category) || shopper.waistCm() == null) {
            return Optional.empty();
        }
        double inches = shopper.waistCm() / CM_PER_INCH;
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (String size : offered) {
            try {
                double distance = Math.abs(Double.parseDouble(size) - inches);
                // Ties go to the larger size: jeans that are slightly big can be belted, small ones cannot.
                if (distance <= bestDistance) {
                    best = size;
                    bestDistance = distance;
                }
            } catch (NumberFormatException notNumeric) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(best);
    }

    private static String letter(double centimetres, double[] upperBounds) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (centimetres < upperBounds[i]) {
                return LETTERS.get(i);
            }
        }
        return LETTERS.getLast();
    }
}
