package com.styleshepherd.gpu.fit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fit model's evaluation by the protocol of Misra, Wan and McAuley (RecSys 2018): each data set split
 * at random 80:10:10 into training, validation and test purchases (seeded, the same on any machine); the
 * AUC of each fit class against the others on the test purchases, and their average; the paper's 1-LV-LR
 * baseline and its best method K-LF, with the paper's figures printed beside ours.
 *
 * <p>{@code ./mvnw -q -Pevaluate -pl worker-gpu -am -DskipTests verify} runs it on the 100-record samples
 * in {@code ../shared/data/fit/}; {@code -Dfit.data=a.json.gz,b.json.gz} on the full public files (names
 * containing "modcloth" or "renttherunway" get the paper's figures). Writes its report where
 * {@code -Dfit.report=} says.
 */
public final class FitEvaluation {

    static final long SEED = 20_180_927L;
    static final int FACTORS = 10;
    /** Average AUC reported in the paper's table: {1-LV-LR, K-LF-ML}. */
    static final Map<String, double[]> PAPER = Map.of("modcloth", new double[] {0.615, 0.657},
            "renttherunway", new double[] {0.610, 0.719});

    private FitEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("| data | purchases (train / validation / test) | method | AUC small | AUC fit | AUC large | average AUC | paper's average AUC |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        long started = System.nanoTime();
        List<String> notes = new ArrayList<>();
        List<Path> files = java.util.Arrays.stream(args).flatMap(arg -> java.util.Arrays.stream(arg.split(",")))
                .filter(name -> !name.isBlank()).map(name -> Path.of(name.strip())).toList();
        for (Path file : files) {
            List<FitRecord> records = FitRecords.read(file);
            FitRecords.Split split = FitRecords.split(records, 0.8, 0.1, SEED);
            String data = file.getFileName().toString();
            double[] paper = PAPER.entrySet().stream().filter(e -> data.toLowerCase(Locale.ROOT).contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            String sizes = split.train().size() + " / " + split.validation().size() + " / " + split.test().size();
            try (FitModel baseline = FitModel.trueSizes(split.train(), split.validation(), SEED);
                    FitModel best = FitModel.latentFactors(split.train(), split.validation(), FACTORS, SEED)) {
                out.append(row(data, sizes, "1-LV-LR (true sizes, logistic regression)", baseline, split.test(),
                        paper == null ? null : paper[0]));
                out.append(row(data, sizes, "K-LF (K = " + FACTORS + ", boosted-tree classifier)", best, split.test(),
                        paper == null ? null : paper[1]));
                notes.add(String.format(Locale.ROOT, "%s: %d customers in training; epochs chosen %d (1-LV) and %d (K-LF).",
                        data, best.factors().customers(), baseline.epochs(), best.epochs()));
            }
        }
        out.append('\n');
        notes.forEach(note -> out.append(note).append('\n'));
        out.append(String.format(Locale.ROOT, "%nSeed %d; took %d s. The paper's K-LF-ML uses large-margin nearest neighbours with "
                + "prototypes as its classifier; ours uses boosted trees on the same latent representation.%n",
                SEED, Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        System.out.print(out);
        String report = System.getProperty("fit.report");
        if (report != null && !report.isBlank()) {
            Files.writeString(Path.of(report), out);
        }
    }

    private static String row(String data, String sizes, String method, FitModel model, List<FitRecord> test, Double paper) {
        double[] auc = FitMetrics.aucs(test, model.predict(test));
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", data, sizes, method, format(auc[0]),
                format(auc[1]), format(auc[2]), format(auc[3]), paper == null ? "–" : String.format(Locale.ROOT, "%.3f", paper));
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }
}
