package com.styleshepherd.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.SharedData;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /api/ops/products/import}: JSONL and CSV (ours and the two public catalog files). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogImportApiTest implements RealInfrastructure {

    private static final MediaType JSONL = MediaType.of("application/x-ndjson");
    private static final MediaType CSV = MediaType.of("text/csv");

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    private String ops;

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops-import");
    }

    @Test
    void importsValidRowsReportsTheRestAndChangesNothingTheSecondTime() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String file = String.join("\n",
                "{\"sku\":\"IMP-" + tag + "-1\",\"name\":\"Moss Knit Cardigan\",\"description\":\"Chunky cardigan\","
                        + "\"category\":\"knitwear\",\"price\":\"79.00\",\"currency\":\"EUR\",\"sizes\":[{\"size\":\"M\",\"stock\":4}]}",
                "{\"sku\":\"IMP-" + tag + "-2\",\"name\":\"Rust Midi Skirt\",\"description\":\"Pleated midi skirt\","
                        + "\"category\":\"skirts\",\"price\":\"12.3456\",\"currency\":\"EUR\",\"sizes\":[{\"size\":\"S\",\"stock\":1}]}",
                "{\"sku\":\"IMP-" + tag + "-3\",\"name\": oops}",
                "",
                "{\"sku\":\"IMP-" + tag + "-4\",\"name\":\"Navy Chinos\",\"description\":\"Slim chinos\","
                        + "\"category\":\"trousers\",\"price\":\"59.00\",\"currency\":\"EUR\",\"image\":\"navy.jpg\","
                        + "\"sizes\":[{\"size\":\"32\",\"stock\":2},{\"size\":\"34\",\"stock\":0}]}",
                "{\"sku\":\"IMP-" + tag + "-1\",\"name\":\"Moss Knit Cardigan\",\"description\":\"Again\","
                        + "\"category\":\"knitwear\",\"price\":\"79.00\",\"currency\":\"EUR\",\"sizes\":[{\"size\":\"M\",\"stock\":4}]}",
                "{\"sku\":\"IMP-" + tag + "-5\",\"name\":\"Odd Money Scarf\",\"description\":\"Scarf\","
                        + "\"category\":\"accessories\",\"price\":\"10.00\",\"currency\":\"XXY\",\"sizes\":[{\"size\":\"M\",\"stock\":1}]}");
        Reply first = upload("", "products.jsonl", JSONL, file);
        assertEquals(200, first.status(), first.body().toString());
        assertEquals(6, number(first, "rowsRead"));
        assertEquals(2, number(first, "created"));
        assertEquals(4, number(first, "rejected"));
        assertNotNull(first.body().get("embeddingJobId"), "created products are sent to embedding");
        List<Map<String, Object>> rejections = rejections(first);
        assertEquals(List.of(2L, 3L, 6L, 7L), rejections.stream().map(r -> ((Number) r.get("line")).longValue()).toList());
        assertTrue(((String) rejections.get(0).get("reason")).startsWith("price:"), rejections.get(0).toString());
        assertTrue(((String) rejections.get(1).get("reason")).startsWith("is not a product as JSON"), rejections.get(1).toString());
        assertEquals("sku: repeats the product of line 1", rejections.get(2).get("reason"));
        assertEquals("currency: is not an ISO 4217 currency code", rejections.get(3).get("reason"));

        Reply second = upload("", "products.jsonl", JSONL, file);
        assertEquals(0, number(second, "created"));
        assertEquals(0, number(second, "updated"));
        assertEquals(2, number(second, "unchanged"));
        assertEquals(first.body().get("sha256"), second.body().get("sha256"));
        assertEquals(null, second.body().get("embeddingJobId"), "nothing changed, nothing to embed");

        Reply chinos = api.get("/api/products?category=trousers&q=navy+chinos");
        assertTrue(chinos.items().stream().anyMatch(p -> ("IMP-" + tag + "-4").equals(p.get("sku"))
                && "navy.jpg".equals(p.get("image"))), chinos.body().toString());
    }

    @Test
    void importsTheMyntraCatalogFileWithItsColumnsMapped() throws IOException {
        String csv = firstRecords(SharedData.require("catalog/myntra_products_catalog.csv"), 300);
        Reply report = upload("?mapping=myntra&defaultSizes=S,M,L&defaultStock=5", "myntra.csv", CSV, csv);
        assertEquals(200, report.status(), report.body().toString());
        assertEquals(300, number(report, "rowsRead"));
        assertEquals(0, number(report, "rejected"), report.body().toString());
        assertEquals(300, number(report, "created") + number(report, "updated") + number(report, "unchanged"));
        Reply again = upload("?mapping=myntra&defaultSizes=S,M,L&defaultStock=5", "myntra.csv", CSV, csv);
        assertEquals(300, number(again, "unchanged"), again.body().toString());

        Reply product = api.get("/api/products?q=myntra&pageSize=1");
        assertEquals(200, product.status());
        Reply one = api.get("/api/products?minPrice=0&category=dresses&pageSize=100");
        assertTrue(one.items().stream().anyMatch(p -> ((String) p.get("sku")).startsWith("MYN-")
                && "INR".equals(p.get("currency")) && ((List<?>) p.get("sizes")).size() == 3), "Myntra dresses in INR");
    }

    @Test
    void importsFashionProductImagesIncludingItsMalformedRows() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.require("catalog/styles.csv"), StandardCharsets.UTF_8);
        List<String> sample = new ArrayList<>(lines.subList(0, 101));
        List<String> malformed = lines.stream().skip(1).filter(l -> l.split(",", -1).length > 10).limit(3).toList();
        sample.addAll(malformed);
        String csv = String.join("\n", sample) + "\n";

        Reply noPrice = upload("?mapping=fashion-product-images&defaultSizes=ONE%20SIZE&defaultStock=1", "styles.csv", CSV, csv);
        assertEquals(sample.size() - 1, number(noPrice, "rejected"), "styles.csv has no prices");
        assertEquals("price: must not be null", rejections(noPrice).get(0).get("reason"));
        assertEquals(2L, ((Number) rejections(noPrice).get(0).get("line")).longValue());

        Reply report = upload("?mapping=fashion-product-images&defaultPrice=25.00&defaultSizes=ONE%20SIZE&defaultStock=1",
                "styles.csv", CSV, csv);
        assertEquals(0, number(report, "rejected"), report.body().toString());
        assertEquals(sample.size() - 1, number(report, "created") + number(report, "updated") + number(report, "unchanged"));
        String id = malformed.get(0).split(",")[0];
        String name = String.join(",", List.of(malformed.get(0).split(",", -1)).subList(9, malformed.get(0).split(",", -1).length));
        Reply product = api.get("/api/products?q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "&pageSize=50");
        assertTrue(product.items().stream().anyMatch(p -> ("FPI-" + id).equals(p.get("sku")) && name.strip().equals(p.get("name"))
                && (id + ".jpg").equals(p.get("image"))), "the comma in " + name + " is kept: " + product.body());
    }

    @Test
    void refusesBadRequestsNamingTheField() {
        assertEquals(List.of("file"), api.upload("/api/ops/products/import", ops, "other", "a.csv", CSV,
                "x".getBytes()).violatedFields());
        assertEquals(List.of("format"), upload("", "products.txt", CSV, "sku\n").violatedFields());
        assertEquals(List.of("mapping"), upload("?mapping=amazon", "a.csv", CSV, "sku\n").violatedFields());
        assertEquals(List.of("mapping"), upload("?mapping=myntra", "a.jsonl", JSONL, "{}\n").violatedFields());
        assertEquals(List.of("defaultPrice"), upload("?defaultPrice=cheap", "a.csv", CSV, "sku\n").violatedFields());
        assertEquals(403, api.upload("/api/ops/products/import", tokens.shopper("shopper-import"), "file", "a.csv",
                CSV, "sku\n".getBytes()).status());
    }

    private Reply upload(String query, String name, MediaType type, String content) {
        return api.upload("/api/ops/products/import" + query, ops, "file", name, type,
                content.getBytes(StandardCharsets.UTF_8));
    }

    /** The header and the first {@code count} records of a CSV file, written back as CSV. */
    private static String firstRecords(Path file, int count) throws IOException {
        StringWriter out = new StringWriter();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setAllowMissingColumnNames(true).get().parse(in);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(parser.getHeaderNames());
            int written = 0;
            for (CSVRecord record : parser) {
                if (written++ == count) {
                    break;
                }
                printer.printRecord(record.toList());
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rejections(Reply reply) {
        return (List<Map<String, Object>>) reply.body().get("rejections");
    }

    private static int number(Reply reply, String field) {
        return ((Number) reply.body().get(field)).intValue();
    }
}
