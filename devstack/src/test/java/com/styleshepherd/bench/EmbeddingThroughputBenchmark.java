package com.styleshepherd.bench;

import com.styleshepherd.inference.RawOnnxTextModel;
import com.styleshepherd.inference.TextEmbedder;
import com.styleshepherd.store.embedding.ProductText;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Text-embedding throughput of the gpu worker's model path ({@link TextEmbedder#embed}: DJL over ONNX
 * Runtime, the call {@code EmbeddingActivitiesImpl} makes per batch) against the same model file run
 * straight through ONNX Runtime's Java API ({@link RawOnnxTextModel}: same tokenizer, pooling written
 * out), on the same texts in the same batches of {@value #BATCH}, in one run. Rounds alternate between
 * the two so that drift in the machine hits both; the figure is the median round. Goal: the worker path
 * reaches at least 0.95× the raw throughput.
 *
 * <p>Texts: the product texts of the first {@value #TEXTS} Myntra products (name, colour, brand, long
 * descriptions: the longer inputs of the two public catalogs).
 *
 * <p>Run: {@code ./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.EmbeddingThroughputBenchmark}
 */
public final class EmbeddingThroughputBenchmark {

    static final int TEXTS = 1_024;
    static final int BATCH = 64;
    static final int ROUNDS = 5;
    static final double GOAL = 0.95;

    private EmbeddingThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path myntra = Path.of(System.getProperty("bench.catalog", "../shared/data/catalog/myntra_products_catalog.csv"));
        Path report = Path.of(System.getProperty("bench.docs", "docs/benchmarks")).resolve("embedding-throughput.md");
        List<String> texts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(myntra, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true).get().parse(in)) {
                if (texts.size() == TEXTS) {
                    break;
                }
                texts.add(ProductText.of(row.get("Product_Name"), "other", row.get("Primary_Color"),
                        row.get("Product_Brand"), Map.of("gender", row.get("Gender")), row.get("Description")));
            }
        }
        StringBuilder table = new StringBuilder();
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (TextEmbedder.Variant variant : TextEmbedder.Variant.values()) {
            try (TextEmbedder worker = TextEmbedder.load(variant); RawOnnxTextModel raw = new RawOnnxTextModel(worker)) {
                // Warm-up, and the two paths agree.
                float[][] a = worker.embed(texts.subList(0, BATCH));
                float[][] b = raw.embed(texts.subList(0, BATCH));
                double maxDiff = 0;
                for (int i = 0; i < a.length; i++) {
                    for (int d = 0; d < a[i].length; d++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a[i][d] - b[i][d]));
                    }
                }
                double[] workerRate = new double[ROUNDS];
                double[] rawRate = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    workerRate[round] = rate(texts, batch -> worker.embed(batch));
                    rawRate[round] = rate(texts, batch -> {
                        try {
                            return raw.embed(batch);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    System.out.printf(Locale.ROOT, "%s round %d: worker %.1f texts/s, raw %.1f texts/s%n", variant,
                            round + 1, workerRate[round], rawRate[round]);
                }
                double w = median(workerRate);
                double r = median(rawRate);
                ratios.put(variant.name(), w / r);
                table.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | **%.3f×** | %.1e |%n", variant, BATCH,
                        w, r, w / r, maxDiff));
            }
        }
        System.out.print(table);
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Text-embedding throughput: gpu worker path vs raw ONNX Runtime\n\n"
                + "Run " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores (CPU), JDK " + Runtime.version() + ".\n\n"
                + "Command: `./mvnw -q -Pbench -pl devstack -am -DskipTests verify "
                + "-Dbench.main=com.styleshepherd.bench.EmbeddingThroughputBenchmark`\n\n"
                + TEXTS + " Myntra product texts, batches of " + BATCH + ", median of " + ROUNDS
                + " alternating rounds. Goal: worker ≥ " + GOAL + "× raw.\n\n"
                + "| model build | batch | worker texts/s | raw ONNX Runtime texts/s | worker / raw | max abs difference |\n"
                + "|---|---:|---:|---:|---:|---:|\n" + table);
        System.out.println("Report: " + report.toAbsolutePath());
        ratios.forEach((variant, ratio) -> System.out.printf(Locale.ROOT, "%s: %.3f× raw (%s)%n", variant, ratio,
                ratio >= GOAL ? "goal met" : "GOAL MISSED"));
    }

    private interface Embed {
        float[][] apply(List<String> batch);
    }

    private static double rate(List<String> texts, Embed embed) {
        long start = System.nanoTime();
        int done = 0;
        for (int from = 0; from < texts.size(); from += BATCH) {
            done += embed.apply(texts.subList(from, Math.min(texts.size(), from + BATCH))).length;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
