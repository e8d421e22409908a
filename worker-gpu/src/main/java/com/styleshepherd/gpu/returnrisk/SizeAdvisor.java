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

    /**
     * The chart's name, as answers cite it: letter sizes by body girth in centimetres, in the manner of EN 13402-3
     * (body dimensions, not garment dimensions). Its numbers are below and in docs/evaluation.md; they are this
     * shop's chart, not the standard's normative table.
     */
    public static final String CHART = "letter-size chart after EN 13402-3 (body girths in cm)";
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

    /** A size read off the chart, and the reading in words with the chart's numbers ("your bust of 92 cm …"). */
    public record ChartReading(String size, String reason) {
    }

    /** The chart's size for the shopper, with the measurement and interval that gave it; empty when it cannot tell. */
    public static Optional<ChartReading> read(LineSignals line, ShopperFit shopper) {
        Optional<String> size = fromChart(line, shopper);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        String category = line.category();
        String reading;
        if (UPPER_BODY.contains(category)) {
            boolean bust = shopper.bustCm() != null;
            reading = interval(bust ? "bust" : "chest", bust ? shopper.bustCm() : shopper.chestCm(), BUST);
        } else if (LOWER_BODY.contains(category)) {
            List<String> parts = new java.util.ArrayList<>();
            if (shopper.waistCm() != null) {
                parts.add(interval("waist", shopper.waistCm(), WAIST));
            }
            if (shopper.hipsCm() != null) {
                parts.add(interval("hips", shopper.hipsCm(), HIPS));
            }
            reading = String.join(" and ", parts) + (parts.size() > 1 ? ", the larger size" : "");
        } else {
            return Optional.of(new ChartReading(size.get(), String.format(Locale.ROOT,
                    "your waist of %.0f cm (%.1f in), nearest size %s", shopper.waistCm(), shopper.waistCm() / CM_PER_INCH,
                    size.get())));
        }
        return Optional.of(new ChartReading(size.get(), reading + " on the " + CHART));
    }

    /**
     * What the chart needs for this category that the shopper has not told us, in words ("your bust or chest");
     * empty when the chart has what it needs or cannot size this category.
     */
    public static Optional<String> chartNeeds(String category, ShopperFit shopper) {
        if (UPPER_BODY.contains(category) && shopper.bustCm() == null && shopper.chestCm() == null) {
            return Optional.of("your bust or chest measurement");
        }
        if (LOWER_BODY.contains(category) && shopper.waistCm() == null && shopper.hipsCm() == null) {
            return Optional.of("your waist and hip measurements");
        }
        if ("jeans".equals(category) && shopper.waistCm() == null) {
            return Optional.of("your waist measurement");
        }
        return Optional.empty();
    }

    /** "your bust of 92 cm: M is 90–98 cm". */
    private static String interval(String what, double centimetres, double[] upperBounds) {
        String letter = letter(centimetres, upperBounds);
        int i = LETTERS.indexOf(letter);
        String range = i == 0 ? String.format(Locale.ROOT, "under %.0f cm", upperBounds[0])
                : i >= upperBounds.length ? String.format(Locale.ROOT, "%.0f cm and over", upperBounds[upperBounds.length - 1])
                : String.format(Locale.ROOT, "%.0f–%.0f cm", upperBounds[i - 1], upperBounds[i]);
        return String.format(Locale.ROOT, "your %s of %.0f cm (%s is %s)", what, centimetres, letter, range);
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
