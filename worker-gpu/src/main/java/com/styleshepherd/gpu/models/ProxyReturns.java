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
        FitRecords.Split inner = FitRecords.split(outer.train(), 0.875, 0.125, seed + 1);
        Map<String, int[]> categories = new HashMap<>();
        Map<String, int[]> customers = new HashMap<>();
        int notFit = 0;
        for (FitRecord record : outer.train()) {
            int miss = record.fit() == FitRecord.Fit.FIT ? 0 : 1;
            notFit += miss;
            count(categories, String.valueOf(record.category()), miss);
            count(customers, record.customer(), miss);
        }
        double overall = (double) notFit / outer.train().size();
        List<ReturnRiskModel.Row> rows = new ArrayList<>();
        try (FitModel fit = FitModel.latentFactors(inner.train(), inner.validation(), 10, seed)) {
            double[][] predicted = fit.predict(outer.test());
            for (int i = 0; i < outer.test().size(); i++) {
                FitRecord record = outer.test().get(i);
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
