package com.styleshepherd.gpu.models;

import com.styleshepherd.gpu.fit.FitModel;
import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.fit.FitRecords;
import com.styleshepherd.gpu.returnrisk.ReturnFeatures;
import com.styleshepherd.gpu.returnrisk.ReturnRiskModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled lines for the return-risk model from the public fit data, where no public set of returns
 * exists: <b>"not fit" (small or large) stands in for "returned"</b>. A fit model is trained on 80% of
 * the purchases; the other 20% become rows, each with that model's P(small) and P(large) and the
 * category's and customer's not-fit rates in the 80% (shrunk toward the overall rate, as the checkout's
 * own rates are). Price and bracketing are not in the data and stay unknown.
 */
final class ProxyReturns {

    static final double CATEGORY_PRIOR_WEIGHT = 50;
    static final double CUSTOMER_PRIOR_WEIGHT = 10;

    private ProxyReturns() {
    }

    static List<ReturnRiskModel.Row> rows(List<FitRecord> records, long seed) {
        if (records.size() < 20) {
            return List.of();
        }
        FitRecords.Split outer = FitRecords.split(records, 0.8, 0.0, seed);
        return lines(outer.train(), outer.test(), seed);
    }

    /**
     * Every purchase as one labelled line, cross-fitted: the purchases are dealt into {@code folds} seeded
     * folds, and each fold's lines get their features from a fit model and not-fit rates made from the other
     * folds only, so no line's features saw its own label.
     */
    static List<ReturnRiskModel.Row> crossFitted(List<FitRecord> records, int folds, long seed) {
        if (records.size() < 2 * folds || folds < 2) {
            return List.of();
        }
        int[] order = com.styleshepherd.gpu.sizing.Permutations.of(records.size(), seed);
        List<ReturnRiskModel.Row> rows = new ArrayList<>(records.size());
        for (int fold = 0; fold < folds; fold++) {
            List<FitRecord> train = new ArrayList<>();
            List<FitRecord> held = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                (i % folds == fold ? held : train).add(records.get(order[i]));
            }
            rows.addAll(lines(train, held, seed + 1000L * (fold + 1)));
        }
        return rows;
    }

    /**
     * The purchases {@code lines} as labelled lines, their features from {@code train} alone: a fit model
     * trained on seven eighths of it (the other eighth chooses its epochs and trains its classifier), and the
     * category's and customer's not-fit rates in it.
     */
    static List<ReturnRiskModel.Row> lines(List<FitRecord> train, List<FitRecord> lines, long seed) {
        FitRecords.Split inner = FitRecords.split(train, 0.875, 0.125, seed + 1);
        Map<String, int[]> categories = new HashMap<>();
        Map<String, int[]> customers = new HashMap<>();
        int notFit = 0;
        for (FitRecord record : train) {
            int miss = record.fit() == FitRecord.Fit.FIT ? 0 : 1;
            notFit += miss;
            count(categories, String.valueOf(record.category()), miss);
            count(customers, record.customer(), miss);
        }
        double overall = (double) notFit / train.size();
        List<ReturnRiskModel.Row> rows = new ArrayList<>();
        try (FitModel fit = FitModel.latentFactors(inner.train(), inner.validation(), 10, seed)) {
            double[][] predicted = fit.predict(lines);
            for (int i = 0; i < lines.size(); i++) {
                FitRecord record = lines.get(i);
                int[] category = categories.getOrDefault(String.valueOf(record.category()), new int[2]);
                int[] customer = customers.getOrDefault(record.customer(), new int[2]);
                Map<String, Double> features = ReturnFeatures.empty();
                features.put(ReturnFeatures.FIT_SMALL, predicted[i][FitRecord.Fit.SMALL.ordinal()]);
                features.put(ReturnFeatures.FIT_LARGE, predicted[i][FitRecord.Fit.LARGE.ordinal()]);
                features.put(ReturnFeatures.CATEGORY_RATE,
                        (category[1] + CATEGORY_PRIOR_WEIGHT * overall) / (category[0] + CATEGORY_PRIOR_WEIGHT));
                features.put(ReturnFeatures.SHOPPER_RATE,
                        (customer[1] + CUSTOMER_PRIOR_WEIGHT * overall) / (customer[0] + CUSTOMER_PRIOR_WEIGHT));
                features.put(ReturnFeatures.SHOPPER_UNITS, Math.log1p(customer[0]));
                features.put(ReturnFeatures.BRACKETING, 0.0);
                features.put(ReturnFeatures.QUANTITY, 1.0);
                rows.add(new ReturnRiskModel.Row(features, record.fit() != FitRecord.Fit.FIT));
            }
        }
        return rows;
    }

    private static void count(Map<String, int[]> counts, String key, int miss) {
        int[] c = counts.computeIfAbsent(key, any -> new int[2]);
        c[0]++;
        c[1] += miss;
    }
}
