package com.styleshepherd.gpu.sizing;

import java.util.Locale;

/**
 * How good size predictions are: exact accuracy, accuracy within one size, mean absolute size error (in
 * sizes), log loss (natural log, probabilities clipped at 1e-15), and calibration: a reliability table of
 * the predicted size's probability in ten bins, and the expected calibration error over them.
 */
public final class SizeMetrics {

    static final int BINS = 10;
    private static final double CLIP = 1e-15;

    private long count;
    private long exact;
    private long withinOne;
    private long absoluteError;
    private double logLoss;
    private final long[] binCount = new long[BINS];
    private final long[] binCorrect = new long[BINS];
    private final double[] binConfidence = new double[BINS];
    /** [actual][predicted] counts over the ladder. */
    private final long[][] confusion = new long[SizeLadder.count()][SizeLadder.count()];

    /** Adds one prediction: the probabilities over the ladder and the size actually worn. */
    public void add(double[] probabilities, int actual) {
        int predicted = Probabilities.mostLikely(probabilities);
        int error = Math.abs(predicted - actual);
        count++;
        exact += error == 0 ? 1 : 0;
        withinOne += error <= 1 ? 1 : 0;
        absoluteError += error;
        logLoss -= Math.log(Math.max(probabilities[actual], CLIP));
        double confidence = probabilities[predicted];
        int bin = Math.min(BINS - 1, (int) (confidence * BINS));
        binCount[bin]++;
        binCorrect[bin] += error == 0 ? 1 : 0;
        binConfidence[bin] += confidence;
        if (actual < confusion.length && predicted < confusion.length) {
            confusion[actual][predicted]++;
        }
    }

    public static SizeMetrics of(SizeModel model, BodySizes test) {
        SizeMetrics metrics = new SizeMetrics();
        for (int i = 0; i < test.count(); i++) {
            metrics.add(model.probabilities(test.weight()[i], test.age()[i], test.height()[i]), test.size()[i]);
        }
        return metrics;
    }

    public long count() {
        return count;
    }

    public double accuracy() {
        return (double) exact / count;
    }

    public double withinOne() {
        return (double) withinOne / count;
    }

    public double meanAbsoluteError() {
        return (double) absoluteError / count;
    }

    public double logLoss() {
        return logLoss / count;
    }

    /** Σ over bins of (share of predictions) × |accuracy − mean confidence|. */
    public double expectedCalibrationError() {
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (binCount[b] > 0) {
                ece += (double) binCount[b] / count
                        * Math.abs((double) binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]);
            }
        }
        return ece;
    }

    /** Predictions whose confidence fell in bin {@code b} (of {@value #BINS}, 0.1 wide). */
    public long binCount(int b) {
        return binCount[b];
    }

    /** The mean confidence of bin {@code b}'s predictions; NaN when it is empty. */
    public double binConfidence(int b) {
        return binCount[b] == 0 ? Double.NaN : binConfidence[b] / binCount[b];
    }

    /** How often bin {@code b}'s predictions were right; NaN when it is empty. */
    public double binAccuracy(int b) {
        return binCount[b] == 0 ? Double.NaN : (double) binCorrect[b] / binCount[b];
    }

    public static int bins() {
        return BINS;
    }

    /** The confusion matrix over the ladder, [size worn][size predicted] (a copy). */
    public long[][] confusion() {
        long[][] out = new long[confusion.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = confusion[i].clone();
        }
        return out;
    }

    /** The reliability table, as markdown rows: confidence bin, predictions, mean confidence, accuracy. */
    public String reliabilityTable() {
        StringBuilder out = new StringBuilder("| confidence | predictions | mean confidence | accuracy |\n|---|---:|---:|---:|\n");
        for (int b = 0; b < BINS; b++) {
            if (binCount[b] > 0) {
                out.append(String.format(Locale.ROOT, "| %.1f–%.1f | %d | %.3f | %.3f |%n", b / (double) BINS,
                        (b + 1) / (double) BINS, binCount[b], binConfidence[b] / binCount[b],
                        (double) binCorrect[b] / binCount[b]));
            }
        }
        return out.toString();
    }
}
