package com.styleshepherd.gpu.sizing;

import com.styleshepherd.gpu.fit.FitModel;
import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.models.ModelRegistry.Loaded;
import com.styleshepherd.gpu.returnrisk.SizeAdvisor;
import com.styleshepherd.workflows.conversation.SizePrediction;
import com.styleshepherd.workflows.models.ModelKind;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A probability for each size a product is sold in, for one shopper, from what is known, in this order:
 * <ol>
 *   <li><b>body</b>: the learned {@link BoostedSizeModel} on the shopper's height and weight, its letter
 *       sizes mapped onto the product's; or, where no model is loaded or it cannot take what we know, the
 *       size chart ({@link SizeAdvisor#CHART}, {@link SizeAdvisor#read}) on bust, waist and hips: 70% on the
 *       chart's size, 12% on each neighbour, source {@value #SIZE_CHART};</li>
 *   <li><b>usual size</b> the shopper told us for the category: four times as likely, neighbours 1.5×;</li>
 *   <li><b>fit history</b>: where the learned {@link FitModel} has seen the shopper, each size is weighted
 *       by its P(fit).</li>
 * </ol>
 * Nothing that tells sizes apart: no recommendation and no probabilities (never uniform ones), and an
 * explanation naming what the shopper has not told us that would help.
 */
public final class SizePredictor {

    /** The standard letter scale; the public size data's smallest size, "XXS", sits where shops' XS is. */
    static final List<String> STANDARD = List.of("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL");
    private static final int[] LADDER_ON_STANDARD = {1, 2, 3, 4, 5, 6, 7};
    /** The source named when the size chart answered ({@link SizeAdvisor#CHART}). */
    public static final String SIZE_CHART = "size-chart";
    static final double CHART_SHARE = 0.70;
    static final double CHART_NEIGHBOUR = 0.12;
    static final double USUAL_WEIGHT = 4.0;
    static final double USUAL_NEIGHBOUR = 1.5;

    private SizePredictor() {
    }

    public static SizePrediction predict(String userId, ShopperFit shopper, LineSignals product,
            Optional<Loaded<BoostedSizeModel>> sizeModel, Optional<Loaded<FitModel>> fitModel) {
        List<String> offered = product.sizesOffered();
        if (offered.size() <= 1) {
            String only = offered.isEmpty() ? null : offered.getFirst();
            return new SizePrediction(product.productId(), only, only == null ? Map.of() : Map.of(only, 1.0), 1.0,
                    only == null ? "This product has no sizes." : "It comes in one size.", List.of("its one-size fit"), List.of("one-size"));
        }
        double[] p = new double[offered.size()];
        java.util.Arrays.fill(p, 1.0);
        List<String> sources = new ArrayList<>();
        List<String> reasons = new ArrayList<>();

        double[] body = sizeModel.isPresent() && shopper.weightKg() != null && shopper.heightCm() != null
                ? fromSizeModel(sizeModel.get().model(), shopper, offered) : null;
        if (body != null) {
            multiply(p, body);
            sources.add(sizeModel.get().label(ModelKind.SIZE));
            reasons.add(String.format(Locale.ROOT, "your height (%.0f cm) and weight (%.0f kg)", shopper.heightCm(),
                    shopper.weightKg()));
        } else {
            Optional<SizeAdvisor.ChartReading> chart = SizeAdvisor.read(product, shopper);
            if (chart.isPresent()) {
                multiply(p, around(offered, offered.indexOf(chart.get().size()), CHART_SHARE, CHART_NEIGHBOUR));
                sources.add(SIZE_CHART);
                reasons.add(chart.get().reason());
            }
        }

        String usual = shopper.usualSizes().get(product.category());
        int usualIndex = usual == null ? -1 : offered.indexOf(usual.toUpperCase(Locale.ROOT));
        if (usualIndex >= 0) {
            for (int i = 0; i < p.length; i++) {
                int distance = Math.abs(i - usualIndex);
                p[i] *= distance == 0 ? USUAL_WEIGHT : distance == 1 ? USUAL_NEIGHBOUR : 1;
            }
            sources.add("usual-size");
            reasons.add("the " + offered.get(usualIndex) + " you usually wear in " + product.category());
        }

        if (fitModel.isPresent() && userId != null && fitModel.get().model().knows(userId)) {
            List<FitRecord> asked = new ArrayList<>();
            for (String size : offered) {
                asked.add(new FitRecord(userId, Long.toString(product.productId()), size, product.category(), FitRecord.Fit.FIT));
            }
            double[][] fits = fitModel.get().model().predict(asked);
            for (int i = 0; i < p.length; i++) {
                p[i] *= Math.max(fits[i][FitRecord.Fit.FIT.ordinal()], 1e-3);
            }
            sources.add(fitModel.get().label(ModelKind.FIT));
            reasons.add("how the sizes you bought before fitted you");
        }

        if (sources.isEmpty()) {
            // No probabilities rather than uniform ones: nothing we know tells the sizes apart.
            return new SizePrediction(product.productId(), null, Map.of(), 0.0,
                    whatIsMissing(shopper, product, sizeModel.isPresent()), List.of(), List.of());
        }
        normalise(p);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            probabilities.put(offered.get(i), p[i]);
        }
        int best = Probabilities.mostLikely(p);
        String explanation = String.format(Locale.ROOT, "Size %s, from %s: %.0f%% likely to be your best fit.",
                offered.get(best), String.join(" and ", reasons), 100 * p[best]);
        return new SizePrediction(product.productId(), offered.get(best), probabilities, p[best], explanation, reasons,
                sources);
    }

    /**
     * Why nothing could size the product, naming only what the shopper has not told us: the size model's height
     * or weight (where it is loaded and the product has letter sizes), the chart's measurements for the category,
     * the usual size in the category.
     */
    static String whatIsMissing(ShopperFit shopper, LineSignals product, boolean sizeModel) {
        boolean letters = product.sizesOffered().stream().allMatch(size -> STANDARD.contains(size.toUpperCase(Locale.ROOT)));
        List<String> ways = new ArrayList<>();
        String preface = "";
        if (sizeModel && letters) {
            List<String> body = new ArrayList<>();
            if (shopper.heightCm() == null) {
                body.add("your height");
            }
            if (shopper.weightKg() == null) {
                body.add("your weight");
            }
            ways.add(String.join(" and ", body));
        } else if (shopper.heightCm() != null && shopper.weightKg() != null) {
            preface = sizeModel ? "Your height and weight size letter sizes only, and this product is sold in "
                    + String.join(", ", product.sizesOffered()) + ". "
                    : "No size model is loaded yet, and the size chart reads body measurements, not height and weight. ";
        }
        SizeAdvisor.chartNeeds(product.category(), shopper).ifPresent(ways::add);
        if (!shopper.usualSizes().containsKey(product.category())) {
            ways.add("the size you usually wear in " + product.category());
        }
        if (ways.isEmpty()) {
            return preface + "Nothing you have told me sizes the " + product.name() + " yet.";
        }
        return preface + "To recommend a size I need " + String.join(", or ", ways) + ".";
    }

    /** The size model's ladder probabilities gathered onto the offered letter sizes; null if they are not letters. */
    static double[] fromSizeModel(BoostedSizeModel model, ShopperFit shopper, List<String> offered) {
        int[] offeredOnStandard = new int[offered.size()];
        for (int i = 0; i < offered.size(); i++) {
            offeredOnStandard[i] = STANDARD.indexOf(offered.get(i).toUpperCase(Locale.ROOT));
            if (offeredOnStandard[i] < 0) {
                return null;
            }
        }
        double[] ladder = model.probabilities(shopper.weightKg(), Double.NaN, shopper.heightCm());
        double[] out = new double[offered.size()];
        for (int l = 0; l < ladder.length; l++) {
            int nearest = 0;
            for (int i = 1; i < offered.size(); i++) {
                int d = Math.abs(offeredOnStandard[i] - LADDER_ON_STANDARD[l]);
                int bestD = Math.abs(offeredOnStandard[nearest] - LADDER_ON_STANDARD[l]);
                // Ties go to the larger size: slightly big can be worn, slightly small cannot.
                if (d < bestD || d == bestD && offeredOnStandard[i] > offeredOnStandard[nearest]) {
                    nearest = i;
                }
            }
            out[nearest] += ladder[l];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-3);
        }
        return out;
    }

    private static double[] around(List<String> offered, int centre, double share, double neighbour) {
        double[] out = new double[offered.size()];
        int rest = offered.size() - 1 - (centre > 0 ? 1 : 0) - (centre < offered.size() - 1 ? 1 : 0);
        double left = 1 - share - neighbour * (offered.size() - 1 - rest);
        for (int i = 0; i < out.length; i++) {
            int distance = Math.abs(i - centre);
            out[i] = distance == 0 ? share : distance == 1 ? neighbour : left / Math.max(rest, 1);
        }
        return out;
    }

    private static void multiply(double[] p, double[] by) {
        for (int i = 0; i < p.length; i++) {
            p[i] *= by[i];
        }
    }

    private static void normalise(double[] p) {
        double total = java.util.Arrays.stream(p).sum();
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
    }
}
