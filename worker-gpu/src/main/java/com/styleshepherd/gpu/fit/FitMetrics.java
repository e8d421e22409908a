package com.styleshepherd.gpu.fit;

import java.util.Arrays;
import java.util.List;

/**
 * The paper's measure: for each fit class, the area under the ROC curve of that class against the other
 * two, scored by the class's predicted probability; then their average. A class absent from the test
 * records has no AUC (NaN) and is left out of the average.
 */
public final class FitMetrics {

    private FitMetrics() {
    }

    /** AUC per class (small, fit, large), then their average, for these predictions of these records. */
    public static double[] aucs(List<FitRecord> records, double[][] predictions) {
        double[] out = new double[4];
        double sum = 0;
        int classes = 0;
        for (FitRecord.Fit fit : FitRecord.Fit.values()) {
            double[] scores = new double[records.size()];
            boolean[] positive = new boolean[records.size()];
            for (int i = 0; i < records.size(); i++) {
                scores[i] = predictions[i][fit.ordinal()];
                positive[i] = records.get(i).fit() == fit;
            }
            out[fit.ordinal()] = auc(scores, positive);
            if (!Double.isNaN(out[fit.ordinal()])) {
                sum += out[fit.ordinal()];
                classes++;
            }
        }
        out[3] = classes == 0 ? Double.NaN : sum / classes;
        return out;
    }

    /**
     * The probability that a random positive scores above a random negative (ties count half): the
     * Mann–Whitney statistic from mid-ranks. NaN when either side is empty.
     */
    public static double auc(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
