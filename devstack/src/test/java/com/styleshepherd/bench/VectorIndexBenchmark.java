package com.styleshepherd.bench;

import com.styleshepherd.inference.StylesCatalog;
import com.styleshepherd.inference.TextEmbedder;
import com.styleshepherd.search.ExactVectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Search latency of the two candidate indexes at 10k and 100k vectors, unfiltered and with filters that
 * let 10 % and 1 % of the catalog through: the exact scan {@link ExactVectorIndex} (what the api uses)
 * against Lucene's HNSW graph ({@code KnnFloatVectorQuery}, default M=16 / beam 100, merged to one
 * segment), with HNSW's recall@10 against the exact answer.
 *
 * <p>Vectors are real all-MiniLM-L6-v2 (int8) embeddings of the first 10,000 products of
 * {@code ../shared/data/catalog/styles.csv}; the 100k set adds 90,000 noisy copies of them (Gaussian
 * noise, cosine about 0.9 to the original, renormalised), which keeps the catalog's cluster structure.
 * Queries: {@value #QUERIES} "{colour} {article type}" texts, embedded by the same model. One thread,
 * each query {@value #REPEATS} times after a warm-up.
 *
 * <p>Run: {@code ./mvnw -q -Pbench -pl devstack -am -DskipTests verify -Dbench.main=com.styleshepherd.bench.VectorIndexBenchmark}
 */
public final class VectorIndexBenchmark {

    static final int REAL = 10_000;
    static final int QUERIES = 200;
    static final int REPEATS = 5;
    static final int K = 10;
    static final float NOISE = 0.025f;

    private VectorIndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path styles = Path.of(System.getProperty("bench.styles", "../shared/data/catalog/styles.csv"));
        Path report = Path.of(System.getProperty("bench.docs", "docs/benchmarks")).resolve("vector-index.md");
        List<String[]> rows = StylesCatalog.rows(styles, REAL);
        List<String> texts = rows.stream().map(StylesCatalog::text).toList();
        List<String> queryTexts = rows.stream().map(StylesCatalog::label).distinct().limit(QUERIES).toList();

        float[][] real = new float[texts.size()][];
        float[][] queries;
        long embedStart = System.nanoTime();
        try (TextEmbedder embedder = TextEmbedder.load(TextEmbedder.Variant.INT8)) {
            for (int start = 0; start < texts.size(); start += 64) {
                float[][] batch = embedder.embed(texts.subList(start, Math.min(texts.size(), start + 64)));
                System.arraycopy(batch, 0, real, start, batch.length);
            }
            queries = embedder.embed(queryTexts);
        }
        System.out.printf("Embedded %d products and %d queries in %.0f s%n", real.length, queries.length,
                (System.nanoTime() - embedStart) / 1e9);

        StringBuilder table = new StringBuilder();
        for (int size : List.of(10_000, 100_000)) {
            float[][] vectors = catalog(real, size);
            for (Filter filter : Filter.values()) {
                Result exact = exact(vectors, queries, filter);
                Result hnsw = hnsw(vectors, queries, filter, exact);
                for (Result r : List.of(exact, hnsw)) {
                    String line = String.format(Locale.ROOT, "| %,d | %s | %s | %.2f | %.2f | %.2f | %s | %s |%n", size,
                            filter.label, r.index, r.latency.getValueAtPercentile(50) / 1000.0,
                            r.latency.getValueAtPercentile(99) / 1000.0, r.latency.getMaxValue() / 1000.0,
                            r.recall < 0 ? "1 (exact)" : String.format(Locale.ROOT, "%.3f", r.recall),
                            r.buildSeconds < 0 ? "–" : String.format(Locale.ROOT, "%.1f s", r.buildSeconds));
                    System.out.print(line);
                    table.append(line);
                }
            }
        }
        write(report, table.toString());
        System.out.println("Report: " + report.toAbsolutePath());
    }

    /** Which products a search may return. */
    enum Filter {
        NONE("none", 100), TEN_PERCENT("10 %", 10), ONE_PERCENT("1 %", 1);

        final String label;
        final int percent;

        Filter(String label, int percent) {
            this.label = label;
            this.percent = percent;
        }

        /** Product ids are 1..n; bucket = id % 100 decides, the same rule for both indexes. */
        boolean allows(int id) {
            return id % 100 < percent;
        }
    }

    record Result(String index, Histogram latency, double recall, double buildSeconds, List<Set<Integer>> answers) {
    }

    private static float[][] catalog(float[][] real, int size) {
        Random random = new Random(42);
        float[][] vectors = new float[size][];
        for (int i = 0; i < size; i++) {
            if (i < real.length) {
                vectors[i] = real[i];
                continue;
            }
            float[] base = real[random.nextInt(real.length)];
            float[] noisy = new float[base.length];
            double norm = 0;
            for (int d = 0; d < base.length; d++) {
                noisy[d] = base[d] + (float) random.nextGaussian() * NOISE;
                norm += noisy[d] * noisy[d];
            }
            for (int d = 0; d < base.length; d++) {
                noisy[d] /= (float) Math.sqrt(norm);
            }
            vectors[i] = noisy;
        }
        return vectors;
    }

    private static Result exact(float[][] vectors, float[][] queries, Filter filter) {
        ExactVectorIndex index = new ExactVectorIndex("bench", "1");
        BitSet allowed = null;
        if (filter != Filter.NONE) {
            allowed = new BitSet(vectors.length + 1);
        }
        for (int i = 0; i < vectors.length; i++) {
            index.put(i + 1, vectors[i]);
            if (allowed != null && filter.allows(i + 1)) {
                allowed.set(i + 1);
            }
        }
        BitSet finalAllowed = allowed;
        Histogram latency = new Histogram(3);
        List<Set<Integer>> answers = new ArrayList<>();
        for (float[] query : queries) { // warm-up
            index.search(query, K, finalAllowed);
        }
        for (int r = 0; r < REPEATS; r++) {
            for (float[] query : queries) {
                long start = System.nanoTime();
                List<ExactVectorIndex.Hit> hits = index.search(query, K, finalAllowed);
                latency.recordValue((System.nanoTime() - start) / 1000);
                if (r == 0) {
                    answers.add(hits.stream().map(h -> (int) h.productId()).collect(Collectors.toSet()));
                }
            }
        }
        return new Result("exact scan", latency, -1, -1, answers);
    }

    private static Result hnsw(float[][] vectors, float[][] queries, Filter filter, Result exact) throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            long buildStart = System.nanoTime();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setRAMBufferSizeMB(512))) {
                for (int i = 0; i < vectors.length; i++) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField("vector", vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
                    doc.add(new IntField("bucket", (i + 1) % 100, Field.Store.NO));
                    doc.add(new NumericDocValuesField("id", i + 1));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Query only = filter == Filter.NONE ? null : IntField.newRangeQuery("bucket", 0, filter.percent - 1);
                Histogram latency = new Histogram(3);
                for (float[] query : queries) { // warm-up
                    searcher.search(new KnnFloatVectorQuery("vector", query, K, only), K);
                }
                double found = 0;
                for (int r = 0; r < REPEATS; r++) {
                    for (int q = 0; q < queries.length; q++) {
                        long start = System.nanoTime();
                        TopDocs top = searcher.search(new KnnFloatVectorQuery("vector", queries[q], K, only), K);
                        latency.recordValue((System.nanoTime() - start) / 1000);
                        if (r == 0) {
                            Set<Integer> ids = ids(reader, top.scoreDocs);
                            Set<Integer> truth = new HashSet<>(exact.answers().get(q));
                            ids.retainAll(truth);
                            found += truth.isEmpty() ? 1 : (double) ids.size() / truth.size();
                        }
                    }
                }
                return new Result("Lucene HNSW", latency, found / queries.length, buildSeconds, List.of());
            }
        }
    }

    private static Set<Integer> ids(DirectoryReader reader, ScoreDoc[] docs) throws IOException {
        Set<Integer> ids = new HashSet<>();
        for (ScoreDoc doc : docs) {
            for (LeafReaderContext leaf : reader.leaves()) {
                if (doc.doc >= leaf.docBase && doc.doc < leaf.docBase + leaf.reader().maxDoc()) {
                    NumericDocValues values = leaf.reader().getNumericDocValues("id");
                    values.advanceExact(doc.doc - leaf.docBase);
                    ids.add((int) values.longValue());
                }
            }
        }
        return ids;
    }

    private static void write(Path report, String table) throws IOException {
        Files.createDirectories(report.getParent());
        String text = "# Vector index: exact scan vs Lucene HNSW\n\n"
                + "Run " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version() + ", Lucene "
                + org.apache.lucene.util.Version.LATEST + ", Vector API "
                + (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "on" : "off") + ".\n\n"
                + "Command: `./mvnw -q -Pbench -pl devstack -am -DskipTests verify "
                + "-Dbench.main=com.styleshepherd.bench.VectorIndexBenchmark`\n\n"
                + "Real all-MiniLM-L6-v2 (int8) vectors of " + String.format(Locale.ROOT, "%,d", REAL)
                + " styles.csv products; the 100k set adds noisy copies (cosine ≈ 0.9). " + QUERIES
                + " \"{colour} {article type}\" queries × " + REPEATS + ", one thread, top " + K
                + ". A filter lets the given share of products through (the same set for both indexes).\n\n"
                + "| vectors | filter | index | p50 ms | p99 ms | max ms | recall@10 | build |\n"
                + "|---:|---|---|---:|---:|---:|---:|---:|\n" + table;
        Files.writeString(report, text);
    }
}
