package com.styleshepherd.gpu.models;

import com.styleshepherd.gpu.fit.FitMetrics;
import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.fit.FitRecords;
import com.styleshepherd.gpu.returnrisk.ReturnFeatures;
import com.styleshepherd.gpu.returnrisk.ReturnRiskModel;
import com.styleshepherd.gpu.sizing.Permutations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The return-risk candidates against their baselines on the proxy lines ("not fit" as "returned"), by
 * repeated, seeded, nested cross-validation over the fit purchases:
 * <ol>
 *   <li>the purchases are dealt into {@value #FOLDS} outer folds ({@value #REPEATS} times, each with its own
 *       seed);</li>
 *   <li>for each outer fold, the learned models train on <em>cross-fitted</em> lines of the other folds
 *       ({@link ProxyReturns#crossFitted}: each line's features from a fit model and rates that did not see
 *       it), and the held-out fold's lines get their features from a fit model and rates made from all the
 *       other folds, as a line at checkout would;</li>
 *   <li>every method, learned or baseline, scores the same held-out lines, so each purchase is scored once per
 *       repeat by every method, out of fold.</li>
 * </ol>
 * Metrics: log loss and Brier score over all purchases, AUC within each outer fold, each averaged over the
 * repeats. The interval on each difference from a baseline is a paired bootstrap over purchases (2,000
 * resamples, fewer on large data; the same resample for every method and repeat): the noise of having only
 * these purchases. Each learned method also scores the held-out lines with the fit model's features removed,
 * as checkout gives them for a shopper no fit model knows.
 *
 * <p>Run by the evaluation command ({@link EvaluationPlots}), or alone:
 * <pre>java -Drisk.repeats=10 -Drisk.report=out.md -cp ... com.styleshepherd.gpu.models.ReturnRiskCrossValidation fit1.json,fit2.json</pre>
 */
public final class ReturnRiskCrossValidation {

    static final long SEED = 20_261_208L;
    static final int FOLDS = 5;
    static final int REPEATS = Integer.getInteger("risk.repeats", 10);
    static final int BOOTSTRAP = 2000;
    /** Fewer resamples on large data (the full fit files), so the bootstrap stays within minutes. */
    static final double BOOTSTRAP_WORK = 2e8;
    static final String CONSTANT = "baseline: training not-fit rate (one number)";
    static final String FIT_UNKNOWN = ", fit model's features unknown";
    static final String FIT_BASELINE = "baseline: fit model's P(small) + P(large)";
    static final String RATES_BASELINE = "baseline: category and shopper not-fit rates";
    static final String TODAY = "XGBoost as it trains today (120 trees, depth 3)";
    static final String REGULARISED = "XGBoost regularised (40 stumps, lambda 10)";

    /** A learned candidate: trains on cross-fitted lines and scores held-out ones. */
    interface Candidate {
        double[] fitAndScore(List<ReturnRiskModel.Row> train, List<ReturnRiskModel.Row> test, long seed);
    }

    /**
     * Every method's out-of-fold probability for every purchase, per repeat ({@code scores.get(method)[repeat][i]}),
     * the purchases' labels, and which outer fold scored each purchase in each repeat.
     */
    record Result(Map<String, double[][]> scores, boolean[] returned, int[][] folds) {

        int lines() {
            return returned.length;
        }

        long positives() {
            long p = 0;
            for (boolean b : returned) {
                p += b ? 1 : 0;
            }
            return p;
        }
    }

    public static void main(String[] args) throws Exception {
        List<FitRecord> records = new ArrayList<>();
        for (String file : args[0].split(",")) {
            records.addAll(FitRecords.read(Path.of(file)));
        }
        String report = report(run(records, REPEATS));
        System.out.println(report);
        String path = System.getProperty("risk.report");
        if (path != null && !path.isBlank()) {
            java.nio.file.Files.writeString(Path.of(path), report);
        }
    }

    static Result run(List<FitRecord> records, int repeats) {
        Map<String, Candidate> candidates = candidates();
        Map<String, Function<Map<String, Double>, Double>> baselines = baselines();
        int n = records.size();
        Map<String, double[][]> scores = new LinkedHashMap<>();
        boolean[] returned = new boolean[n];
        int[][] folds = new int[repeats][n];
        for (String name : baselines.keySet()) {
            scores.put(name, new double[repeats][n]);
        }
        scores.put(CONSTANT, new double[repeats][n]);
        for (String name : candidates.keySet()) {
            scores.put(name, new double[repeats][n]);
        }
        for (String name : candidates.keySet()) {
            scores.put(name + FIT_UNKNOWN, new double[repeats][n]);
        }
        for (int r = 0; r < repeats; r++) {
            long seed = SEED + 7919L * r;
            int[] order = Permutations.of(n, seed);
            for (int fold = 0; fold < FOLDS; fold++) {
                List<FitRecord> train = new ArrayList<>();
                List<FitRecord> held = new ArrayList<>();
                List<Integer> heldIndex = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (i % FOLDS == fold) {
                        held.add(records.get(order[i]));
                        heldIndex.add(order[i]);
                        folds[r][order[i]] = fold;
                    } else {
                        train.add(records.get(order[i]));
                    }
                }
                long foldSeed = seed + 101L * (fold + 1);
                List<ReturnRiskModel.Row> trainLines = ProxyReturns.crossFitted(train, FOLDS, foldSeed);
                List<ReturnRiskModel.Row> testLines = ProxyReturns.lines(train, held, foldSeed + 7);
                List<ReturnRiskModel.Row> testNoFit = testLines.stream().map(ReturnRiskCrossValidation::withoutFit).toList();
                double baseRate = train.stream().filter(x -> x.fit() != FitRecord.Fit.FIT).count() / (double) train.size();
                for (int j = 0; j < held.size(); j++) {
                    int index = heldIndex.get(j);
                    returned[index] = testLines.get(j).returned();
                    for (var baseline : baselines.entrySet()) {
                        scores.get(baseline.getKey())[r][index] = baseline.getValue().apply(testLines.get(j).features());
                    }
                    scores.get(CONSTANT)[r][index] = baseRate;
                }
                for (var candidate : candidates.entrySet()) {
                    double[] p = candidate.getValue().fitAndScore(trainLines, testLines, foldSeed);
                    double[] q = candidate.getValue().fitAndScore(trainLines, testNoFit, foldSeed);
                    for (int j = 0; j < held.size(); j++) {
                        scores.get(candidate.getKey())[r][heldIndex.get(j)] = p[j];
                        scores.get(candidate.getKey() + FIT_UNKNOWN)[r][heldIndex.get(j)] = q[j];
                    }
                }
            }
            System.err.printf(Locale.ROOT, "return risk: repeat %d of %d done%n", r + 1, repeats);
        }
        return new Result(scores, returned, folds);
    }

    static Map<String, Function<Map<String, Double>, Double>> baselines() {
        Map<String, Function<Map<String, Double>, Double>> out = new LinkedHashMap<>();
        out.put(FIT_BASELINE, f -> f.get(ReturnFeatures.FIT_SMALL) + f.get(ReturnFeatures.FIT_LARGE));
        out.put(RATES_BASELINE, ReturnFeatures::ratesBaseline);
        return out;
    }

    static Map<String, Candidate> candidates() {
        Map<String, Candidate> out = new LinkedHashMap<>();
        out.put(TODAY, xgboost(ReturnRiskModel.ROUNDS, Map.of()));
        out.put(REGULARISED, xgboost(40,
                Map.of("eta", 0.1, "max_depth", 1, "min_child_weight", 5, "lambda", 10.0, "subsample", 1.0)));
        out.put("logistic: logit P(not fit)", logistic(f -> new double[] {logit(notFit(f))}));
        out.put("logistic: logit P(not fit), category rate", logistic(f -> new double[] {logit(notFit(f)),
                f.get(ReturnFeatures.CATEGORY_RATE)}));
        return out;
    }

    static Candidate xgboost(int rounds, Map<String, Object> params) {
        return (train, test, seed) -> {
            Map<String, Object> p = new LinkedHashMap<>(params);
            p.put("nthread", 1);
            try (ReturnRiskModel model = ReturnRiskModel.train(train, seed, rounds, p)) {
                return model.probabilities(test.stream().map(ReturnRiskModel.Row::features).toList());
            }
        };
    }

    /** L2-regularised logistic regression (Newton's method), standardised inputs; unknown inputs are the mean. */
    static Candidate logistic(Function<Map<String, Double>, double[]> inputs) {
        return (train, test, seed) -> {
            double[][] x = train.stream().map(r -> inputs.apply(r.features())).toArray(double[][]::new);
            int d = x[0].length;
            double[] mean = new double[d];
            double[] sd = new double[d];
            for (double[] row : x) {
                for (int k = 0; k < d; k++) {
                    mean[k] += row[k] / x.length;
                }
            }
            for (double[] row : x) {
                for (int k = 0; k < d; k++) {
                    sd[k] += (row[k] - mean[k]) * (row[k] - mean[k]) / x.length;
                }
            }
            for (int k = 0; k < d; k++) {
                sd[k] = Math.max(Math.sqrt(sd[k]), 1e-9);
            }
            double[] y = train.stream().mapToDouble(r -> r.returned() ? 1 : 0).toArray();
            double[] w = fitLogistic(standardise(x, mean, sd), y, 1.0);
            double[] out = new double[test.size()];
            for (int i = 0; i < test.size(); i++) {
                double[] raw = inputs.apply(test.get(i).features());
                double z = w[0];
                for (int k = 0; k < d; k++) {
                    double v = Double.isNaN(raw[k]) ? mean[k] : raw[k];
                    z += w[k + 1] * (v - mean[k]) / sd[k];
                }
                out[i] = 1 / (1 + Math.exp(-z));
            }
            return out;
        };
    }

    static double[][] standardise(double[][] x, double[] mean, double[] sd) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                out[i][k] = (x[i][k] - mean[k]) / sd[k];
            }
        }
        return out;
    }

    /** Weights {intercept, w...} minimising log loss + lambda/2 |w|² (intercept not penalised). */
    static double[] fitLogistic(double[][] x, double[] y, double lambda) {
        int d = x[0].length + 1;
        double[] w = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double[] xi = new double[d];
                xi[0] = 1;
                System.arraycopy(x[i], 0, xi, 1, d - 1);
                double z = 0;
                for (int k = 0; k < d; k++) {
                    z += w[k] * xi[k];
                }
                double p = 1 / (1 + Math.exp(-z));
                for (int k = 0; k < d; k++) {
                    grad[k] += (p - y[i]) * xi[k];
                    for (int l = 0; l < d; l++) {
                        hess[k][l] += p * (1 - p) * xi[k] * xi[l];
                    }
                }
            }
            for (int k = 1; k < d; k++) {
                grad[k] += lambda * w[k];
                hess[k][k] += lambda;
            }
            hess[0][0] += 1e-9;
            double[] step = solve(hess, grad);
            double size = 0;
            for (int k = 0; k < d; k++) {
                w[k] -= step[k];
                size += Math.abs(step[k]);
            }
            if (size < 1e-10) {
                break;
            }
        }
        return w;
    }

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    static double notFit(Map<String, Double> f) {
        Double s = f.get(ReturnFeatures.FIT_SMALL);
        Double l = f.get(ReturnFeatures.FIT_LARGE);
        return s == null || l == null ? Double.NaN : s + l;
    }

    static double logit(double p) {
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        double q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
        return Math.log(q / (1 - q));
    }

    /** The line as checkout sees it when no fit model knows the shopper: the fit model's features unknown. */
    static ReturnRiskModel.Row withoutFit(ReturnRiskModel.Row row) {
        Map<String, Double> f = ReturnFeatures.empty();
        f.putAll(row.features());
        f.remove(ReturnFeatures.FIT_SMALL);
        f.remove(ReturnFeatures.FIT_LARGE);
        return new ReturnRiskModel.Row(f, row.returned());
    }

    record Metrics(double auc, double logLoss, double brier) {
    }

    /**
     * One repeat's metrics on a sample of purchases (indices, repeats allowed): log loss and Brier over all of
     * them; AUC within each outer fold (scores from different folds' models are not compared), averaged over
     * the folds.
     */
    static Metrics metrics(double[] p, boolean[] y, int[] fold, int[] sample) {
        double logLoss = 0;
        double brier = 0;
        List<List<Integer>> byFold = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            byFold.add(new ArrayList<>());
        }
        for (int i : sample) {
            double q = Math.min(Math.max(p[i], 1e-6), 1 - 1e-6);
            double v = y[i] ? 1 : 0;
            logLoss -= v * Math.log(q) + (1 - v) * Math.log(1 - q);
            brier += (q - v) * (q - v);
            byFold.get(fold[i]).add(i);
        }
        double auc = 0;
        int counted = 0;
        for (List<Integer> members : byFold) {
            double[] s = new double[members.size()];
            boolean[] t = new boolean[members.size()];
            for (int k = 0; k < s.length; k++) {
                s[k] = p[members.get(k)];
                t[k] = y[members.get(k)];
            }
            double a = FitMetrics.auc(s, t);
            if (!Double.isNaN(a)) {
                auc += a;
                counted++;
            }
        }
        return new Metrics(auc / counted, logLoss / sample.length, brier / sample.length);
    }

    /** The metrics averaged over the repeats, on this sample of purchases. */
    static Metrics averaged(double[][] p, boolean[] y, int[][] folds, int[] sample) {
        double auc = 0;
        double logLoss = 0;
        double brier = 0;
        for (int r = 0; r < p.length; r++) {
            Metrics m = metrics(p[r], y, folds[r], sample);
            auc += m.auc() / p.length;
            logLoss += m.logLoss() / p.length;
            brier += m.brier() / p.length;
        }
        return new Metrics(auc, logLoss, brier);
    }

    /** The whole sample's metrics and {@value #BOOTSTRAP} paired bootstrap resamples', per method. */
    record Measured(Map<String, Metrics> point, Map<String, Metrics[]> bootstrap) {
    }

    /** {@value #BOOTSTRAP} resamples, fewer (at least 50) where lines x repeats x methods is large. */
    static int resamples(Result result) {
        double work = (double) result.lines() * result.folds().length * result.scores().size();
        return (int) Math.max(50, Math.min(BOOTSTRAP, BOOTSTRAP_WORK / work));
    }

    static Measured measure(Result result) {
        int n = result.lines();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        Random random = new Random(SEED);
        int[][] samples = new int[resamples(result)][n];
        for (int[] sample : samples) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
        }
        Map<String, Metrics> point = new LinkedHashMap<>();
        Map<String, Metrics[]> boot = new LinkedHashMap<>();
        for (var entry : result.scores().entrySet()) {
            point.put(entry.getKey(), averaged(entry.getValue(), result.returned(), result.folds(), all));
            Metrics[] m = new Metrics[samples.length];
            for (int b = 0; b < samples.length; b++) {
                m[b] = averaged(entry.getValue(), result.returned(), result.folds(), samples[b]);
            }
            boot.put(entry.getKey(), m);
        }
        return new Measured(point, boot);
    }

    /** Method minus baseline, and its 95% paired-bootstrap interval, per metric: {AUC, log loss, Brier} x {d, lo, hi}. */
    static double[][] difference(Measured measured, String method, String baseline) {
        Metrics m = measured.point().get(method);
        Metrics r = measured.point().get(baseline);
        Metrics[] bm = measured.bootstrap().get(method);
        Metrics[] br = measured.bootstrap().get(baseline);
        Metrics[] d = new Metrics[bm.length];
        for (int b = 0; b < bm.length; b++) {
            d[b] = new Metrics(bm[b].auc() - br[b].auc(), bm[b].logLoss() - br[b].logLoss(), bm[b].brier() - br[b].brier());
        }
        return new double[][] {
            {m.auc() - r.auc(), q(d, Metrics::auc, 0.025), q(d, Metrics::auc, 0.975)},
            {m.logLoss() - r.logLoss(), q(d, Metrics::logLoss, 0.025), q(d, Metrics::logLoss, 0.975)},
            {m.brier() - r.brier(), q(d, Metrics::brier, 0.025), q(d, Metrics::brier, 0.975)}};
    }

    /**
     * Whether {@code method} beats {@code baseline} beyond the bootstrap's noise: its log loss and Brier score
     * lower with the whole 95% interval below zero, and its AUC not lower beyond the noise.
     */
    static boolean beats(Measured measured, String method, String baseline) {
        double[][] d = difference(measured, method, baseline);
        return d[1][2] < 0 && d[2][2] < 0 && d[0][2] > 0;
    }

    static String report(Result result) {
        Measured measured = measure(result);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Return risk on %d proxy lines (%d not fit): %d repeats of %d-fold nested "
                + "cross-validation, seed %d. [ ] is the 95%% paired bootstrap interval over purchases (%d resamples).%n%n",
                result.lines(), result.positives(), result.folds().length, FOLDS, SEED, resamples(result)));
        out.append("| method | AUC (within folds) | log loss | Brier |\n|---|---:|---:|---:|\n");
        for (var entry : measured.point().entrySet()) {
            Metrics m = entry.getValue();
            Metrics[] b = measured.bootstrap().get(entry.getKey());
            out.append(String.format(Locale.ROOT, "| %s | %.3f [%.3f, %.3f] | %.4f [%.4f, %.4f] | %.4f [%.4f, %.4f] |%n",
                    entry.getKey(), m.auc(), q(b, Metrics::auc, 0.025), q(b, Metrics::auc, 0.975), m.logLoss(),
                    q(b, Metrics::logLoss, 0.025), q(b, Metrics::logLoss, 0.975), m.brier(),
                    q(b, Metrics::brier, 0.025), q(b, Metrics::brier, 0.975)));
        }
        out.append("\nEach learned method minus each baseline, on the same lines (AUC: higher is better; log loss and "
                + "Brier: lower is better). \"beats\" means log loss and Brier both lower, each with its whole 95% interval "
                + "below zero, and AUC not lower beyond the noise (its interval's upper end above zero).\n\n");
        out.append("| method | baseline | ΔAUC | Δlog loss | ΔBrier | beats |\n|---|---|---:|---:|---:|---|\n");
        List<String> against = new ArrayList<>(baselines().keySet());
        against.add(CONSTANT);
        for (String method : result.scores().keySet()) {
            if (against.contains(method)) {
                continue;
            }
            for (String baseline : against) {
                double[][] d = difference(measured, method, baseline);
                out.append(String.format(Locale.ROOT, "| %s | %s | %+.3f [%+.3f, %+.3f] | %+.4f [%+.4f, %+.4f] | %+.4f [%+.4f, %+.4f] | %s |%n",
                        method, baseline.replace("baseline: ", ""), d[0][0], d[0][1], d[0][2], d[1][0], d[1][1], d[1][2],
                        d[2][0], d[2][1], d[2][2], beats(measured, method, baseline) ? "yes" : "no"));
            }
        }
        List<String> winners = new ArrayList<>();
        for (String method : result.scores().keySet()) {
            if (!against.contains(method) && baselines().keySet().stream().allMatch(b -> beats(measured, method, b))) {
                winners.add(method);
            }
        }
        out.append("\nBeats both baselines beyond the noise: ").append(winners.isEmpty() ? "none" : String.join("; ", winners))
                .append(".\n");
        return out.toString();
    }

    static double q(Metrics[] values, java.util.function.ToDoubleFunction<Metrics> metric, double quantile) {
        double[] v = Arrays.stream(values).mapToDouble(metric).sorted().toArray();
        return v[(int) Math.min(v.length - 1, Math.floor(quantile * v.length))];
    }
}
