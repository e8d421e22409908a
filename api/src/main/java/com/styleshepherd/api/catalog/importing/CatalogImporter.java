package com.styleshepherd.api.catalog.importing;

import com.styleshepherd.api.catalog.EmbeddingJobStarter;
import com.styleshepherd.api.catalog.ProductController;
import com.styleshepherd.api.catalog.ProductPictures;
import com.styleshepherd.api.catalog.SaveProductRequest;
import com.styleshepherd.api.input.JsonFailure;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.catalog.CatalogImports;
import com.styleshepherd.store.catalog.Product;
import com.styleshepherd.store.catalog.ProductImages;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductDraft;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a JSONL or CSV file of products, streaming: every row is validated with the same rules as
 * {@code PUT /api/ops/products/{sku}}; valid rows are saved {@value #BATCH} at a time, each batch in
 * one transaction; a rejected row is reported with its line and reason and changes nothing. Saving is
 * an upsert by SKU that leaves equal products untouched, so importing a file twice changes nothing the
 * second time. Afterwards the catalog search cache is invalidated and, when products were created or
 * updated, an embedding job is started for them.
 *
 * <p>Pictures: a row whose {@code image} is a file name under {@code styleshepherd.catalog.image-root} (the
 * fashion-product-images mapping names {@code <id>.jpg}) has that file checked like an ops upload and stored
 * in object storage, once per product and picture: a product that already has its picture stored is not
 * uploaded again. A picture that is missing or refused leaves the product without one and is reported
 * ({@code imageProblems}); object storage that is down fails the import with 503 after the rows saved so far,
 * and importing the file again goes on from there.
 */
@Singleton
public class CatalogImporter {

    static final int BATCH = 500;
    static final int MAX_REPORTED_REJECTIONS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(CatalogImporter.class);

    private final ProductCatalog catalog;
    private final CatalogImports imports;
    private final Validator validator;
    private final JsonMapper json;
    private final TaggedCache cache;
    private final EmbeddingJobStarter embeddings;
    private final ProductImages images;
    private final ProductPictures pictures;
    @Nullable
    private final Path imageRoot;

    CatalogImporter(ProductCatalog catalog, CatalogImports imports, Validator validator, JsonMapper json,
            TaggedCache cache, EmbeddingJobStarter embeddings, ProductImages images, ProductPictures pictures,
            @Nullable @Value("${styleshepherd.catalog.image-root:}") String imageRoot) {
        this.images = images;
        this.pictures = pictures;
        this.imageRoot = imageRoot == null || imageRoot.isBlank() ? null
                : Path.of(imageRoot).toAbsolutePath().normalize();
        this.catalog = catalog;
        this.imports = imports;
        this.validator = validator;
        this.json = json;
        this.cache = cache;
        this.embeddings = embeddings;
    }

    /** Reads {@code in} to its end as {@code format} ("jsonl" or "csv") and imports it. */
    public ImportReport importFile(InputStream in, String format, ImportOptions options, @Nullable String user) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Run run = new Run();
        try (Reader reader = new BufferedReader(new InputStreamReader(new DigestInputStream(in, sha256),
                StandardCharsets.UTF_8))) {
            if (format.equals("jsonl")) {
                readJsonl((BufferedReader) reader, run);
            } else {
                readCsv(reader, options, run);
            }
            run.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        String mapping = format.equals("jsonl") ? "native" : options.mappingOrNative();
        if (run.created + run.updated + run.imagesStored > 0) {
            cache.invalidate(ProductController.CACHE, ProductController.CATALOG_TAG);
        }
        String jobId = run.created + run.updated + run.imagesStored > 0 ? embeddings.start(user).job().id().toString() : null;
        UUID id = UUID.randomUUID();
        run.rejections.sort(Comparator.comparingLong(ImportReport.Rejection::line));
        ImportReport report = new ImportReport(id.toString(), format, mapping, hash, run.rows, run.created,
                run.updated, run.unchanged, run.rejections.size(),
                List.copyOf(run.rejections.subList(0, Math.min(MAX_REPORTED_REJECTIONS, run.rejections.size()))), jobId,
                run.imagesStored, List.copyOf(run.imageProblems.subList(0,
                        Math.min(MAX_REPORTED_REJECTIONS, run.imageProblems.size()))));
        try {
            imports.record(id, hash, format, run.rows, run.created, run.updated, run.unchanged, run.rejections.size(),
                    json.writeValueAsString(report), user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Catalog import {} by {}: {} rows, {} created, {} updated, {} unchanged, {} rejected, {} pictures"
                + " stored, {} not (sha256 {})", id, user, run.rows, run.created, run.updated, run.unchanged,
                run.rejections.size(), run.imagesStored, run.imageProblems.size(), hash);
        return report;
    }

    private void readJsonl(BufferedReader lines, Run run) throws IOException {
        String line;
        long number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            run.rows++;
            JsonlProduct product;
            try {
                product = json.readValue(line, JsonlProduct.class);
            } catch (IOException e) {
                run.reject(number, null, "is not a product as JSON"
                        + JsonFailure.path(e).map(path -> ": " + path + " " + JsonFailure.message(e)).orElse(""));
                continue;
            }
            if (product == null) {
                run.reject(number, null, "is not a product as JSON");
                continue;
            }
            run.accept(number, product.sku(), product.request());
        }
    }

    private void readCsv(Reader reader, ImportOptions options, Run run) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get();
        try (CSVParser parser = format.parse(reader)) {
            long lastLine = 1; // the header
            List<String> header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                long line = lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                run.rows++;
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                    row.put(header.get(i).strip(), record.get(i));
                }
                CsvMappings.Mapped mapped = CsvMappings.map(options.mappingOrNative(), row, record.toList(), options);
                run.accept(line, mapped.sku(), mapped.request());
            }
        }
    }

    /** One import's counts and its batch in progress. */
    private final class Run {
        int rows;
        int created;
        int updated;
        int unchanged;
        final List<ImportReport.Rejection> rejections = new ArrayList<>();
        final Map<String, Long> seen = new HashMap<>();
        final List<ProductDraft> batch = new ArrayList<>();
        final List<Long> batchLines = new ArrayList<>();
        int imagesStored;
        final List<ImportReport.Rejection> imageProblems = new ArrayList<>();

        void reject(long line, @Nullable String sku, String reason) {
            rejections.add(new ImportReport.Rejection(line, sku, reason));
        }

        void accept(long line, @Nullable String sku, SaveProductRequest request) {
            if (sku == null || !sku.matches(SaveProductRequest.SKU)) {
                reject(line, sku, "sku: must be 1-64 letters, digits, '.', '_' or '-'");
                return;
            }
            List<String> violations = validator.validate(request).stream()
                    .map(CatalogImporter::describe).sorted().toList();
            if (!violations.isEmpty()) {
                reject(line, sku, String.join("; ", violations));
                return;
            }
            ProductDraft draft;
            try {
                draft = request.toDraft(sku);
            } catch (ConstraintViolationThrowableProblem problem) {
                reject(line, sku, problem.getViolations().stream().map(v -> v.getField() + ": " + v.getMessage())
                        .collect(Collectors.joining("; ")));
                return;
            }
            Long earlier = seen.putIfAbsent(sku, line);
            if (earlier != null) {
                reject(line, sku, "sku: repeats the product of line " + earlier);
                return;
            }
            batch.add(draft);
            batchLines.add(line);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            for (ProductCatalog.Outcome outcome : catalog.saveAll(batch)) {
                switch (outcome) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                storePicture(batchLines.get(i), batch.get(i));
            }
            batch.clear();
            batchLines.clear();
        }

        /** Stores the row's picture file, unless the product has its picture stored already. */
        private void storePicture(long line, ProductDraft draft) {
            String ref = draft.imageRef();
            if (ref == null || imageRoot == null || ref.startsWith("http://") || ref.startsWith("https://")) {
                return;
            }
            Product product = catalog.findBySku(draft.sku()).orElseThrow().product();
            if (product.imageKey() != null) {
                return;
            }
            Path file = imageRoot.resolve(ref).normalize();
            if (!file.startsWith(imageRoot) || !Files.isRegularFile(file)) {
                imageProblems.add(new ImportReport.Rejection(line, draft.sku(), "image: " + ref + " is not in the image folder"));
                return;
            }
            byte[] bytes;
            try {
                if (Files.size(file) > pictures.maxBytes()) {
                    imageProblems.add(new ImportReport.Rejection(line, draft.sku(), "image: " + ref + " is over "
                            + pictures.maxBytes() + " bytes"));
                    return;
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                LOG.warn("Catalog import could not read picture {} of {}: {}", file, draft.sku(), e.toString());
                imageProblems.add(new ImportReport.Rejection(line, draft.sku(), "image: " + ref + " could not be read"));
                return;
            }
            String contentType;
            try {
                contentType = pictures.contentType(bytes);
            } catch (ProductPictures.Refused refused) {
                imageProblems.add(new ImportReport.Rejection(line, draft.sku(), "image: " + ref + " " + refused.getMessage()));
                return;
            }
            if (images.attach(product.id(), bytes, contentType)) {
                imagesStored++;
            }
        }
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + ": " + violation.getMessage();
    }
}
