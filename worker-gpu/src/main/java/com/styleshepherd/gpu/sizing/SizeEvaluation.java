package com.styleshepherd.gpu.sizing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The size model's evaluation on public data, re-runnable by anyone:
 * {@code ./mvnw -q -Pevaluate -pl worker-gpu -am -DskipTests verify} (argument: the CSV; default
 * {@code ../shared/data/size/clothes_size_prediction.csv}). A fixed seeded 80/20 split; every model is
 * trained on the 80 and scored on the 20 with {@link SizeMetrics}: the majority-class and
 * k-nearest-neighbour baselines (k chosen by log loss on a seeded tenth of the training rows). Prints a
 * markdown report, and writes it where {@code -Dsize.report=} says.
 */
public final class SizeEvaluation {

    static final long SEED = 20_261_122L;
    static final double TRAIN_SHARE = 0.8;
    static final int[] KS = {5, 11, 25, 51, 101, 201, 401};

    private SizeEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/size/clothes_size_prediction.csv");
        run(csv);
    }

    /**
     * Runs the evaluation on {@code csv}: prints the report, writes it where {@code -Dsize.report=} says and
     * returns each model's metrics (majority class, nearest neighbours, boosted trees) for the plots.
     */
    public static List<Row> run(Path csv) throws Exception {
        long started = System.nanoTime();
        BodySizes all = BodySizes.read(csv);
        BodySizes.Split split = all.split(TRAIN_SHARE, SEED);
        List<Row> rows = new ArrayList<>();
        rows.add(evaluate(new MajoritySizeModel(split.train()), split.test()));
        int k = chooseK(split.train());
        rows.add(evaluate(new NearestNeighbourSizeModel(split.train(), k), split.test()));
        try (BoostedSizeModel boosted = BoostedSizeModel.train(split.train(), SEED + 2)) {
            rows.add(new Row(boosted.name(), boosted.evaluate(split.test())));
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Data: `%s`, %d people; seeded (%d) split: %d train, %d test.%n%n",
                csv.getFileName(), all.count(), SEED, split.train().count(), split.test().count()));
        out.append("| model | exact accuracy | within one size | mean abs. size error | log loss | ECE |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            SizeMetrics m = row.metrics();
            out.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |%n", row.model(), m.accuracy(),
                    m.withinOne(), m.meanAbsoluteError(), m.logLoss(), m.expectedCalibrationError()));
        }
        for (Row row : rows) {
            out.append("\nReliability, ").append(row.model()).append(":\n\n").append(row.metrics().reliabilityTable());
        }
        out.append(String.format(Locale.ROOT, "%nk chosen from %s by validation log loss; took %d s.%n",
                java.util.Arrays.toString(KS), Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        System.out.print(out);
        String report = System.getProperty("size.report");
        if (report != null && !report.isBlank()) {
            Files.writeString(Path.of(report), out);
        }
        return rows;
    }

    /** One model's name and its metrics on the held-out rows. */
    public record Row(String model, SizeMetrics metrics) {
    }

    static Row evaluate(SizeModel model, BodySizes test) {
        return new Row(model.name(), SizeMetrics.of(model, test));
    }

    /** The k of lowest log loss on a seeded tenth of the training rows, neighbours from the other nine. */
    static int chooseK(BodySizes train) {
        BodySizes.Split inner = train.split(0.9, SEED + 1);
        NearestNeighbourSizeModel model = new NearestNeighbourSizeModel(inner.train(), KS[KS.length - 1]);
        SizeMetrics[] byK = new SizeMetrics[KS.length];
        for (int j = 0; j < KS.length; j++) {
            byK[j] = new SizeMetrics();
        }
        BodySizes validation = inner.test();
        for (int i = 0; i < validation.count(); i++) {
            int[] nearest = model.nearest(validation.weight()[i], validation.age()[i], validation.height()[i],
                    KS[KS.length - 1]);
            for (int j = 0; j < KS.length; j++) {
                byK[j].add(NearestNeighbourSizeModel.smoothed(nearest, KS[j]), validation.size()[i]);
            }
        }
        int best = 0;
        for (int j = 1; j < KS.length; j++) {
            if (byK[j].logLoss() < byK[best].logLoss()) {
                best = j;
            }
        }
        return KS[best];
    }
}
