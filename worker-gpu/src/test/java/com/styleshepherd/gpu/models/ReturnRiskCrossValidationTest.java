package com.styleshepherd.gpu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cross-validation's verdict, on scores made up here (no training): a method that knows the labels beats
 * both baselines; a method that is one of the baselines, or that only adds noise to it, does not; AUC is
 * measured within folds, so a score that only shifts from fold to fold ranks nothing.
 */
class ReturnRiskCrossValidationTest {

    static final int N = 300;
    static final int REPEATS = 2;

    @Test
    void aMethodThatKnowsTheLabelsBeatsBothBaselinesAndACopyOfOneDoesNot() {
        Random random = new Random(5);
        boolean[] y = new boolean[N];
        int[][] folds = new int[REPEATS][N];
        double[][] fit = new double[REPEATS][N];
        double[][] rates = new double[REPEATS][N];
        double[][] knows = new double[REPEATS][N];
        double[][] noisy = new double[REPEATS][N];
        double[][] slightly = new double[REPEATS][N];
        double[][] constant = new double[REPEATS][N];
        for (int i = 0; i < N; i++) {
            y[i] = random.nextDouble() < 0.3;
        }
        for (int r = 0; r < REPEATS; r++) {
            for (int i = 0; i < N; i++) {
                folds[r][i] = random.nextInt(ReturnRiskCrossValidation.FOLDS);
                double signal = y[i] ? 0.1 : -0.1;
                fit[r][i] = clamp(0.3 + signal + 0.2 * random.nextGaussian());
                rates[r][i] = clamp(0.3 + 0.5 * signal + 0.1 * random.nextGaussian());
                knows[r][i] = y[i] ? 0.85 : 0.1;
                noisy[r][i] = clamp(rates[r][i] + 0.05 * random.nextGaussian());
                // A little better than the rates on average, by less than the noise of 300 lines.
                slightly[r][i] = clamp(rates[r][i] + (y[i] ? 0.004 : -0.004) + 0.03 * random.nextGaussian());
                // A constant per fold, different between folds: nothing to rank within a fold.
                constant[r][i] = 0.2 + 0.05 * folds[r][i];
            }
        }
        Map<String, double[][]> scores = new LinkedHashMap<>();
        scores.put(ReturnRiskCrossValidation.FIT_BASELINE, fit);
        scores.put(ReturnRiskCrossValidation.RATES_BASELINE, rates);
        scores.put(ReturnRiskCrossValidation.CONSTANT, constant);
        scores.put("knows", knows);
        scores.put("rates, noisier", noisy);
        scores.put("rates, slightly better", slightly);
        ReturnRiskCrossValidation.Result result = new ReturnRiskCrossValidation.Result(scores, y, folds);
        ReturnRiskCrossValidation.Measured measured = ReturnRiskCrossValidation.measure(result);

        assertEquals(0.5, measured.point().get(ReturnRiskCrossValidation.CONSTANT).auc(), 1e-12);
        assertTrue(measured.point().get("knows").auc() > 0.99);
        for (String baseline : new String[] {ReturnRiskCrossValidation.FIT_BASELINE, ReturnRiskCrossValidation.RATES_BASELINE}) {
            assertTrue(ReturnRiskCrossValidation.beats(measured, "knows", baseline), "knows beats " + baseline);
            assertFalse(ReturnRiskCrossValidation.beats(measured, "rates, noisier", baseline), "noise beats " + baseline);
        }
        double[][] small = ReturnRiskCrossValidation.difference(measured, "rates, slightly better",
                ReturnRiskCrossValidation.RATES_BASELINE);
        assertTrue(small[1][0] < 0 && small[2][0] < 0, "better on average: " + java.util.Arrays.deepToString(small));
        assertFalse(ReturnRiskCrossValidation.beats(measured, "rates, slightly better",
                ReturnRiskCrossValidation.RATES_BASELINE), "but not beyond the noise: "
                + java.util.Arrays.deepToString(small));
        assertFalse(ReturnRiskCrossValidation.beats(measured, ReturnRiskCrossValidation.RATES_BASELINE,
                ReturnRiskCrossValidation.RATES_BASELINE), "not itself");
        double[][] d = ReturnRiskCrossValidation.difference(measured, "knows", ReturnRiskCrossValidation.RATES_BASELINE);
        assertTrue(d[1][1] <= d[1][0] && d[1][0] <= d[1][2], "the interval holds the difference");

        String report = ReturnRiskCrossValidation.report(result);
        assertTrue(report.contains("Beats both baselines beyond the noise: knows."), report);
    }

    private static double clamp(double p) {
        return Math.min(0.99, Math.max(0.01, p));
    }
}
