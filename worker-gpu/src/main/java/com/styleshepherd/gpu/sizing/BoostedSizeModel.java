package com.styleshepherd.gpu.sizing;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The learned size model: gradient-boosted trees (XGBoost, {@code multi:softprob}) over weight, age,
 * height and body-mass index, with unknown values left missing (the trees learn where they go). The
 * shop rarely knows a shopper's age, so a seeded fifth of the training rows have theirs hidden
 * ({@link #AGE_MASKED_SHARE}): without that, the few rows of the public data with no age decide where every
 * unknown age goes, and sizes come out a size too large. The
 * number of rounds is chosen by early stopping on a seeded tenth of the training rows, and the
 * probabilities are then calibrated on that same tenth by temperature scaling: one number
 * {@code T}, {@code p ∝ p_model^(1/T)}, fitted to the lowest log loss.
 *
 * <p>A trained model is {@link #toBytes() saved} as XGBoost's own UBJSON model plus the temperature, and
 * {@link #fromBytes(byte[]) loaded} by the scoring activities; the one committed set of weights is the shipped
 * {@code models/size-v1.bin.gz} (ShippedModelBuilder).
 */
public final class BoostedSizeModel implements SizeModel, AutoCloseable {

    static final int FEATURES = 4;
    static final double AGE_MASKED_SHARE = 0.2;
    static final int MAX_ROUNDS = 800;
    static final int CHECK = 10;
    static final int PATIENCE = 3;

    private final Booster booster;
    private final double temperature;
    private final int rounds;

    private BoostedSizeModel(Booster booster, double temperature, int rounds) {
        this.booster = booster;
        this.temperature = temperature;
        this.rounds = rounds;
    }

    /** Trains on {@code train}: rounds and temperature from a seeded tenth of it, then the trees on all of it. */
    public static BoostedSizeModel train(BodySizes train, long seed) {
        train = withAgesHidden(train, seed);
        BodySizes.Split inner = train.split(0.9, seed);
        try {
            DMatrix fit = matrix(inner.train());
            Map<String, Object> params = params(seed);
            Booster inside = XGBoost.train(fit, params, 0, Map.of(), null, null);
            float[] validationRows = features(inner.test());
            int rounds = 0;
            int bestRounds = 0;
            double bestLoss = Double.MAX_VALUE;
            // Rounds by early stopping: the validation log loss every CHECK rounds, stop after PATIENCE checks
            // without improvement, keep the best.
            while (rounds < MAX_ROUNDS && rounds - bestRounds < CHECK * PATIENCE) {
                for (int i = 0; i < CHECK; i++) {
                    inside.update(fit, rounds++);
                }
                float[][] predicted = inside.inplace_predict(validationRows, inner.test().count(), FEATURES, Float.NaN);
                double loss = logLoss(predicted, inner.test().size(), 1);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestRounds = rounds;
                }
            }
            inside.dispose();

            // Trees on the inner nine tenths with the chosen rounds: their validation probabilities fit T.
            inside = XGBoost.train(fit, params, bestRounds, Map.of(), null, null);
            double temperature = fitTemperature(
                    inside.inplace_predict(validationRows, inner.test().count(), FEATURES, Float.NaN), inner.test().size());
            inside.dispose();
            fit.dispose();

            DMatrix all = matrix(train);
            Booster booster = XGBoost.train(all, params, bestRounds, Map.of(), null, null);
            all.dispose();
            return new BoostedSizeModel(booster, temperature, bestRounds);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not train the size model", e);
        }
    }

    /** A copy with a seeded {@link #AGE_MASKED_SHARE} of the ages set unknown. */
    static BodySizes withAgesHidden(BodySizes rows, long seed) {
        double[] age = rows.age().clone();
        java.util.Random random = new java.util.Random(seed ^ 0x5EED);
        for (int i = 0; i < age.length; i++) {
            if (random.nextDouble() < AGE_MASKED_SHARE) {
                age[i] = Double.NaN;
            }
        }
        return new BodySizes(rows.weight(), age, rows.height(), rows.size());
    }

    static Map<String, Object> params(long seed) {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "multi:softprob");
        params.put("num_class", SizeLadder.count());
        params.put("eval_metric", "mlogloss");
        params.put("eta", 0.08);
        params.put("max_depth", 6);
        params.put("min_child_weight", 20);
        params.put("subsample", 0.8);
        params.put("tree_method", "hist");
        // One thread: the histogram sums are then added in one order, so the same rows and seed give the
        // same trees, byte for byte, on any machine (the shipped model's card records its sha256).
        params.put("nthread", 1);
        params.put("seed", seed);
        params.put("verbosity", 0);
        return params;
    }

    /** The temperature of lowest log loss, by golden-section search over log T in [-2, 2]. */
    static double fitTemperature(float[][] probabilities, int[] actual) {
        double lo = -2;
        double hi = 2;
        double ratio = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 60; i++) {
            double a = hi - ratio * (hi - lo);
            double b = lo + ratio * (hi - lo);
            if (logLoss(probabilities, actual, Math.exp(a)) < logLoss(probabilities, actual, Math.exp(b))) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** {@link SizeMetrics}' log loss of the probabilities at this temperature. */
    private static double logLoss(float[][] probabilities, int[] actual, double temperature) {
        SizeMetrics metrics = new SizeMetrics();
        for (int i = 0; i < actual.length; i++) {
            metrics.add(scaled(probabilities[i], temperature), actual[i]);
        }
        return metrics.logLoss();
    }

    static double[] scaled(float[] probabilities, double temperature) {
        double[] out = new double[probabilities.length];
        double total = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.pow(Math.max(probabilities[i], 1e-12), 1 / temperature);
            total += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    @Override
    public double[] probabilities(double weight, double age, double height) {
        return probabilities(new double[][] {{weight, age, height}})[0];
    }

    /** Probabilities for many people at once ({weight, age, height} each): one call into XGBoost. */
    public double[][] probabilities(double[][] people) {
        float[] data = new float[people.length * FEATURES];
        for (int i = 0; i < people.length; i++) {
            row(people[i][0], people[i][1], people[i][2], data, i * FEATURES);
        }
        try {
            float[][] raw = booster.inplace_predict(data, people.length, FEATURES, Float.NaN);
            double[][] out = new double[people.length][];
            for (int i = 0; i < people.length; i++) {
                out[i] = scaled(raw[i], temperature);
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not score the size model", e);
        }
    }

    /** Scores a whole test set in one batch. */
    public SizeMetrics evaluate(BodySizes test) {
        double[][] people = new double[test.count()][];
        for (int i = 0; i < test.count(); i++) {
            people[i] = new double[] {test.weight()[i], test.age()[i], test.height()[i]};
        }
        double[][] predicted = probabilities(people);
        SizeMetrics metrics = new SizeMetrics();
        for (int i = 0; i < test.count(); i++) {
            metrics.add(predicted[i], test.size()[i]);
        }
        return metrics;
    }

    @Override
    public String name() {
        return "gradient-boosted trees (XGBoost, " + rounds + " rounds, T = "
                + String.format(java.util.Locale.ROOT, "%.3f", temperature) + ")";
    }

    public double temperature() {
        return temperature;
    }

    public int rounds() {
        return rounds;
    }

    /** The model as bytes: the temperature and rounds, then XGBoost's UBJSON model. */
    public byte[] toBytes() {
        try {
            byte[] model = booster.toByteArray("ubj");
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(12 + model.length);
            out.putDouble(temperature).putInt(rounds).put(model);
            return out.array();
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not save the size model", e);
        }
    }

    public static BoostedSizeModel fromBytes(byte[] bytes) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        double temperature = in.getDouble();
        int rounds = in.getInt();
        byte[] model = new byte[in.remaining()];
        in.get(model);
        try {
            return new BoostedSizeModel(XGBoost.loadModel(model), temperature, rounds);
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalArgumentException("not a saved size model", e);
        }
    }

    private static float[] features(BodySizes rows) {
        float[] data = new float[rows.count() * FEATURES];
        for (int i = 0; i < rows.count(); i++) {
            row(rows.weight()[i], rows.age()[i], rows.height()[i], data, i * FEATURES);
        }
        return data;
    }

    private static DMatrix matrix(BodySizes rows) throws XGBoostError {
        float[] labels = new float[rows.count()];
        for (int i = 0; i < rows.count(); i++) {
            labels[i] = rows.size()[i];
        }
        DMatrix matrix = new DMatrix(features(rows), rows.count(), FEATURES, Float.NaN);
        matrix.setLabel(labels);
        return matrix;
    }

    /** weight kg, age, height cm, body-mass index; NaN where unknown. */
    private static void row(double weight, double age, double height, float[] out, int at) {
        out[at] = (float) weight;
        out[at + 1] = (float) age;
        out[at + 2] = (float) height;
        out[at + 3] = (float) (weight / Math.pow(height / 100, 2));
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
