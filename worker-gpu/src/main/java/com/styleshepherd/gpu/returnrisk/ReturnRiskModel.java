package com.styleshepherd.gpu.returnrisk;

import com.styleshepherd.gpu.fit.FitMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The learned return-risk model: P(return) of one cart line from its {@link ReturnFeatures}, by
 * gradient-boosted trees (XGBoost {@code binary:logistic}, which optimises log loss and so gives
 * probabilities). Trained on labelled lines: "not fit" in the public fit data as a proxy for a return,
 * and the shop's own scored lines with what came back.
 */
public final class ReturnRiskModel implements AutoCloseable {

    public static final int ROUNDS = 120;

    private final Booster booster;

    private ReturnRiskModel(Booster booster) {
        this.booster = booster;
    }

    /** One labelled line. */
    public record Row(Map<String, Double> features, boolean returned) {
    }

    public static ReturnRiskModel train(List<Row> rows, long seed) {
        return train(rows, seed, ROUNDS, Map.of());
    }

    /**
     * Trains with {@code rounds} boosting rounds and these XGBoost parameters in place of the defaults
     * (eta 0.05, depth 3, min_child_weight 2, subsample 0.8, all threads).
     */
    public static ReturnRiskModel train(List<Row> rows, long seed, int rounds, Map<String, Object> overrides) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the return-risk model needs labelled lines");
        }
        try {
            DMatrix matrix = matrix(rows);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "binary:logistic");
            params.put("eta", 0.05);
            params.put("max_depth", 3);
            params.put("min_child_weight", 2);
            params.put("subsample", 0.8);
            params.put("seed", seed);
            params.put("nthread", Math.max(1, Runtime.getRuntime().availableProcessors()));
            params.put("verbosity", 0);
            params.putAll(overrides);
            Booster booster = XGBoost.train(matrix, params, rounds, Map.of(), null, null);
            matrix.dispose();
            return new ReturnRiskModel(booster);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not train the return-risk model", e);
        }
    }

    public double probability(Map<String, Double> features) {
        return probabilities(List.of(features))[0];
    }

    public double[] probabilities(List<Map<String, Double>> lines) {
        float[] data = new float[lines.size() * ReturnFeatures.NAMES.size()];
        for (int i = 0; i < lines.size(); i++) {
            System.arraycopy(ReturnFeatures.vector(lines.get(i)), 0, data, i * ReturnFeatures.NAMES.size(),
                    ReturnFeatures.NAMES.size());
        }
        try {
            float[][] raw = booster.inplace_predict(data, lines.size(), ReturnFeatures.NAMES.size(), Float.NaN);
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not score the return-risk model", e);
        }
    }

    /** Log loss, Brier score, AUC and ECE (10 bins) of these predictions on these rows. */
    public static Map<String, Double> metrics(double[] predicted, List<Row> rows) {
        double logLoss = 0;
        double brier = 0;
        double[] scores = new double[rows.size()];
        boolean[] positive = new boolean[rows.size()];
        long[] binCount = new long[10];
        double[] binPredicted = new double[10];
        double[] binObserved = new double[10];
        for (int i = 0; i < rows.size(); i++) {
            double p = Math.min(Math.max(predicted[i], 1e-15), 1 - 1e-15);
            double y = rows.get(i).returned() ? 1 : 0;
            logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
            brier += (p - y) * (p - y);
            scores[i] = p;
            positive[i] = y == 1;
            int bin = Math.min(9, (int) (p * 10));
            binCount[bin]++;
            binPredicted[bin] += p;
            binObserved[bin] += y;
        }
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binObserved[b] - binPredicted[b]) / rows.size();
            }
        }
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("logLoss", logLoss / rows.size());
        out.put("brier", brier / rows.size());
        out.put("auc", FitMetrics.auc(scores, positive));
        out.put("ece", ece);
        out.put("returnRate", rows.stream().filter(Row::returned).count() / (double) rows.size());
        return out;
    }

    public byte[] toBytes() {
        try {
            return booster.toByteArray("ubj");
        } catch (XGBoostError e) {
            throw new IllegalStateException("could not save the return-risk model", e);
        }
    }

    public static ReturnRiskModel fromBytes(byte[] bytes) {
        try {
            return new ReturnRiskModel(XGBoost.loadModel(bytes));
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalArgumentException("not a saved return-risk model", e);
        }
    }

    private static DMatrix matrix(List<Row> rows) throws XGBoostError {
        int width = ReturnFeatures.NAMES.size();
        float[] data = new float[rows.size() * width];
        float[] labels = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(ReturnFeatures.vector(rows.get(i).features()), 0, data, i * width, width);
            labels[i] = rows.get(i).returned() ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(data, rows.size(), width, Float.NaN);
        matrix.setLabel(labels);
        return matrix;
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
