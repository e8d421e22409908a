package com.styleshepherd.gpu.models;

import com.styleshepherd.gpu.fit.FitMetrics;
import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.fit.FitRecords;
import com.styleshepherd.gpu.sizing.SizeEvaluation;
import com.styleshepherd.gpu.sizing.SizeLadder;
import com.styleshepherd.gpu.sizing.SizeMetrics;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The evaluation command's plots (XChart, test scope only: never in the worker's jar), written beside its
 * tables by {@code ./mvnw -q -Pevaluate -pl worker-gpu -am -DskipTests verify}:
 * <ul>
 *   <li>{@code size-reliability.png}: the size models' reliability diagrams, the learned model and both
 *       baselines on the same axes, with the diagonal of perfect calibration;</li>
 *   <li>{@code size-confusion.png}: the learned size model's confusion matrix, each worn size's row in percent;</li>
 *   <li>{@code return-risk-roc.png}: the return-risk candidates' ROC curves (out of fold, on the proxy lines
 *       made from the fit data, {@link ReturnRiskCrossValidation}) against their baselines: the fit model's
 *       P(not fit) alone, the category's and shopper's not-fit rates alone, and chance. The cross-validation's
 *       table goes where {@code -Drisk.report=} says.</li>
 * </ul>
 * Arguments: the size CSV, the fit files (comma-separated), the folder for the PNGs. The size evaluation's
 * report goes where {@code -Dsize.report=} says, as {@link SizeEvaluation} writes it.
 */
public final class EvaluationPlots {

    static final int WIDTH = 720;
    static final int HEIGHT = 540;
    static final long SEED = 20_261_122L;

    private EvaluationPlots() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path csv = Path.of(args[0]);
        List<Path> fitFiles = Arrays.stream(args[1].split(",")).filter(s -> !s.isBlank()).map(Path::of).toList();
        Path out = Path.of(args[2]);
        Files.createDirectories(out);

        List<SizeEvaluation.Row> size = SizeEvaluation.run(csv);
        save(reliability(size), out.resolve("size-reliability.png"));
        save(confusion(size.getLast()), out.resolve("size-confusion.png"));

        List<FitRecord> records = new ArrayList<>();
        for (Path file : fitFiles) {
            records.addAll(FitRecords.read(file));
        }
        Roc roc = returnRiskRoc(records);
        save(roc.chart(), out.resolve("return-risk-roc.png"));
        System.out.printf(Locale.ROOT, "%n%s%nROC (first repeat, folds pooled) on %d proxy lines (%d not fit): AUC %s%n",
                roc.report(), roc.lines(), roc.returned(), roc.aucs());
        String report = System.getProperty("risk.report");
        if (report != null && !report.isBlank()) {
            Files.writeString(Path.of(report), "# Return risk: the learned candidates against their baselines\n\n"
                    + "Written by `./mvnw -q -Pevaluate -pl worker-gpu -am -DskipTests verify` (docs/evaluation.md).\n\n"
                    + roc.report());
        }
        System.out.println("Plots written to " + out.toAbsolutePath().normalize());
    }

    /** Accuracy against mean confidence per 0.1 bin, one series per model, and the diagonal. */
    static XYChart reliability(List<SizeEvaluation.Row> rows) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Size models: reliability on the held-out 20%")
                .xAxisTitle("confidence of the predicted size (bin mean)").yAxisTitle("accuracy in the bin").build();
        styleUnitSquare(chart);
        XYSeries diagonal = chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH).setLineColor(Color.GRAY);
        for (SizeEvaluation.Row row : rows) {
            SizeMetrics m = row.metrics();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int b = 0; b < SizeMetrics.bins(); b++) {
                // Bins with under 20 predictions say little; they stay in the report's table.
                if (m.binCount(b) >= 20) {
                    x.add(m.binConfidence(b));
                    y.add(m.binAccuracy(b));
                }
            }
            String name = String.format(Locale.ROOT, "%s (ECE %.4f)", shortName(row.model()), m.expectedCalibrationError());
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** The learned model's confusion matrix: for each size worn (row), the share predicted as each size. */
    static HeatMapChart confusion(SizeEvaluation.Row row) {
        long[][] counts = row.metrics().confusion();
        List<String> sizes = SizeLadder.SIZES;
        List<Number[]> heat = new ArrayList<>();
        for (int worn = 0; worn < counts.length; worn++) {
            long total = Arrays.stream(counts[worn]).sum();
            for (int predicted = 0; predicted < counts.length; predicted++) {
                double percent = total == 0 ? 0 : 100.0 * counts[worn][predicted] / total;
                heat.add(new Number[] {predicted, worn, Math.round(percent * 10) / 10.0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Learned size model: % of each worn size (row) predicted as each size")
                .xAxisTitle("predicted size").yAxisTitle("size worn").build();
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.0").setMin(0).setMax(100);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.addSeries(shortName(row.model()), sizes, sizes, heat);
        return chart;
    }

    record Roc(XYChart chart, int lines, long returned, Map<String, Double> aucs, String report) {
    }

    /**
     * The return-risk candidates against their baselines ({@link ReturnRiskCrossValidation}: every purchase a
     * proxy line, "not fit" as "returned", scored out of fold by nested, repeated cross-validation), and the
     * ROC curves of the first repeat's out-of-fold scores: the model as it trains today, the best-measured
     * candidate and both baselines on the same lines.
     */
    static Roc returnRiskRoc(List<FitRecord> records) {
        ReturnRiskCrossValidation.Result result = ReturnRiskCrossValidation.run(records,
                ReturnRiskCrossValidation.REPEATS);
        String report = ReturnRiskCrossValidation.report(result);
        boolean[] returned = result.returned();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT + 120)
                .title(String.format(Locale.ROOT, "Return risk: ROC, out of fold, %d proxy lines (%d not fit)",
                        result.lines(), result.positives()))
                .xAxisTitle("false positive rate (first of the repeats, folds pooled)").yAxisTitle("true positive rate")
                .build();
        styleUnitSquare(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.addSeries("chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1})
                .setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH).setLineColor(Color.GRAY);
        Map<String, Double> aucs = new java.util.LinkedHashMap<>();
        for (String name : List.of(ReturnRiskCrossValidation.TODAY, ReturnRiskCrossValidation.REGULARISED,
                ReturnRiskCrossValidation.FIT_BASELINE, ReturnRiskCrossValidation.RATES_BASELINE)) {
            addRoc(chart, name, result.scores().get(name)[0], returned, aucs);
        }
        return new Roc(chart, result.lines(), result.positives(), aucs, report);
    }

    private static void addRoc(XYChart chart, String name, double[] scores, boolean[] positive, Map<String, Double> aucs) {
        double auc = FitMetrics.auc(scores, positive);
        aucs.put(name, Math.round(auc * 1000) / 1000.0);
        double[][] curve = rocCurve(scores, positive);
        chart.addSeries(String.format(Locale.ROOT, "%s (AUC %.3f)", name, auc), curve[0], curve[1])
                .setMarker(SeriesMarkers.NONE);
    }

    /** The ROC curve's points, {false positive rates, true positive rates}: ties in score are one step. */
    static double[][] rocCurve(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long p = 0;
        long n = 0;
        for (boolean b : positive) {
            if (b) {
                p++;
            } else {
                n++;
            }
        }
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            if (k == order.length - 1 || scores[order[k + 1]] != scores[order[k]]) {
                points.add(new double[] {n == 0 ? 0 : (double) fp / n, p == 0 ? 0 : (double) tp / p});
            }
        }
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i)[0];
            out[1][i] = points.get(i)[1];
        }
        return out;
    }

    private static void styleUnitSquare(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(7);
    }

    private static String shortName(String model) {
        int paren = model.indexOf(" (");
        String name = paren > 0 && model.startsWith("gradient") ? "gradient-boosted trees" : model;
        return name.replace("k-nearest neighbours", "k-NN");
    }

    static void save(Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
