package com.styleshepherd.gpu.fit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The fit model: P(small), P(fit), P(large) for a customer in a product's size. Two steps, as in Misra et
 * al. (RecSys 2018):
 * <ol>
 *   <li>{@link FitLatentFactors} learned on the training purchases, the number of epochs chosen by the
 *       validation purchases' average AUC of the raw score;</li>
 *   <li>a classifier over each purchase's {@link FitLatentFactors#representation latent representation},
 *       trained on the <em>validation</em> purchases, whose representations were not fitted to their own
 *       labels. The paper uses large-margin nearest neighbours with prototypes here, to cope with the
 *       imbalance of "fit" against "small" and "large"; this uses XGBoost instead (a multinomial logistic
 *       regression for the 1-LV-LR baseline, boosted trees for K-LF), a well-kept library in place of
 *       hand-written metric learning. It is a stated deviation, measured by the same protocol.</li>
 * </ol>
 */
public final class FitModel implements AutoCloseable {

    public enum Head {
        /** Multinomial logistic regression (XGBoost gblinear), as in the paper's 1-LV-LR baseline. */
        LOGISTIC,
        /** Boosted trees (XGBoost gbtree). */
        TREES
    }

    static final int MAX_EPOCHS = 40;
    static final int PATIENCE = 4;

    private final FitLatentFactors factors;
    private final Booster head;
    private final int epochs;

    private FitModel(FitLatentFactors factors, Booster head, int epochs) {
        this.factors = factors;
        this.head = head;
        this.epochs = epochs;
    }

    /** The paper's best method: K latent factors (K-LF), then boosted trees. */
    public static FitModel latentFactors(List<FitRecord> train, List<FitRecord> validation, int k, long seed) {
        check(train, validation);
        return train(FitLatentFactors.initialise(train, k, seed), train, validation, Head.TREES, seed);
    }

    /** The paper's 1-LV-LR baseline: one true size per customer and child product, then logistic regression. */
    public static FitModel trueSizes(List<FitRecord> train, List<FitRecord> validation, long seed) {
        check(train, validation);
        return train(FitLatentFactors.trueSizes(train, seed), train, validation, Head.LOGISTIC, seed);
    }

    private static void check(List<FitRecord> train, List<FitRecord> validation) {
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("the fit model needs training and validation purchases");
        }
    }

    private static FitModel train(FitLatentFactors factors, List<FitRecord> train, List<FitRecord> validation,
            Head head, long seed) {
        byte[] best = snapshot(factors);
        double bestAuc = scoreAuc(factors, validation);
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= MAX_EPOCHS && epoch - bestEpoch <= PATIENCE; epoch++) {
            factors.epoch(train, seed + epoch);
            double auc = scoreAuc(factors, validation);
            if (auc > bestAuc || Double.isNaN(bestAuc)) {
                bestAuc = auc;
                bestEpoch = epoch;
                best = snapshot(factors);
            }
        }
        factors = restore(best);
        try {
            float[] data = rows(factors, validation);
            float[] labels = new float[validation.size()];
            for (int i = 0; i < validation.size(); i++) {
                labels[i] = validation.get(i).fit().ordinal();
            }
            DMatrix matrix = new DMatrix(data, validation.size(), factors.width(), Float.NaN);
            matrix.setLabel(labels);
            Booster booster = XGBoost.train(matrix, headParams(head, seed), head == Head.LOGISTIC ? 100 : 80,
                    Map.of(), null, null);
            matrix.dispose();
            return new FitModel(factors, booster, bestEpoch);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not train the fit classifier", e);
        }
    }

    private static Map<String, Object> headParams(Head head, long seed) {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "multi:softprob");
        params.put("num_class", 3);
        params.put("seed", seed);
        params.put("nthread", Math.max(1, Runtime.getRuntime().availableProcessors()));
        params.put("verbosity", 0);
        if (head == Head.LOGISTIC) {
            params.put("booster", "gblinear");
            params.put("eta", 0.5);
            params.put("lambda", 0.01);
        } else {
            params.put("eta", 0.1);
            params.put("max_depth", 3);
            params.put("min_child_weight", 1);
            params.put("subsample", 0.8);
        }
        return params;
    }

    /** The validation AUC of the raw score alone: high score ↔ small, low ↔ large, near zero ↔ fit. */
    private static double scoreAuc(FitLatentFactors factors, List<FitRecord> records) {
        double[][] predictions = new double[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            FitRecord r = records.get(i);
            double f = factors.score(r.customer(), r.parent(), r.size());
            predictions[i] = new double[] {f, -Math.abs(f), -f};
        }
        return FitMetrics.aucs(records, predictions)[3];
    }

    private static float[] rows(FitLatentFactors factors, List<FitRecord> records) {
        int width = factors.width();
        float[] data = new float[records.size() * width];
        for (int i = 0; i < records.size(); i++) {
            FitRecord r = records.get(i);
            double[] x = factors.representation(r.customer(), r.parent(), r.size());
            for (int j = 0; j < width; j++) {
                data[i * width + j] = (float) x[j];
            }
        }
        return data;
    }

    /** P(small), P(fit), P(large) for each purchase (its label is not read). */
    public double[][] predict(List<FitRecord> records) {
        if (records.isEmpty()) {
            return new double[0][];
        }
        try {
            // DMatrix prediction: the linear booster has no in-place prediction.
            DMatrix matrix = new DMatrix(rows(factors, records), records.size(), factors.width(), Float.NaN);
            float[][] raw = head.predict(matrix);
            matrix.dispose();
            double[][] out = new double[raw.length][3];
            for (int i = 0; i < raw.length; i++) {
                for (int j = 0; j < 3; j++) {
                    out[i][j] = raw[i][j];
                }
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not score the fit model", e);
        }
    }

    public double[] predict(String customer, String parent, String size) {
        return predict(List.of(new FitRecord(customer, parent, size, null, FitRecord.Fit.FIT)))[0];
    }

    /** Whether the model learned anything about this customer. */
    public boolean knows(String customer) {
        return factors.knows(customer);
    }

    public int epochs() {
        return epochs;
    }

    public FitLatentFactors factors() {
        return factors;
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(epochs);
            factors.write(out);
            byte[] model = head.toByteArray("ubj");
            out.writeInt(model.length);
            out.write(model);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException | XGBoostError e) {
            throw new IllegalStateException("could not save the fit model", e);
        }
    }

    public static FitModel fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int epochs = in.readInt();
            FitLatentFactors factors = FitLatentFactors.read(in);
            byte[] model = new byte[in.readInt()];
            in.readFully(model);
            return new FitModel(factors, XGBoost.loadModel(model), epochs);
        } catch (IOException | XGBoostError e) {
            throw new IllegalArgumentException("not a saved fit model", e);
        }
    }

    private static byte[] snapshot(FitLatentFactors factors) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            factors.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FitLatentFactors restore(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            return FitLatentFactors.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        head.dispose();
    }
}
