package com.styleshepherd.gpu.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.styleshepherd.gpu.sizing.Permutations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The public clothing-fit data of Misra et al. (RecSys 2018): ModCloth and RentTheRunway, JSON Lines
 * (optionally gzipped, as the UCSD downloads are). Only the fields the fit model reads are kept:
 * {@code user_id}, {@code item_id}, {@code size}, {@code category} and the label {@code fit}.
 */
public final class FitRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FitRecords() {
    }

    public static List<FitRecord> read(Path file) throws IOException {
        List<FitRecord> records = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(parse(JSON.readTree(line)));
                } catch (RuntimeException | IOException e) {
                    throw new IOException(file.getFileName() + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return records;
    }

    static FitRecord parse(JsonNode node) {
        return new FitRecord(required(node, "user_id"), required(node, "item_id"), required(node, "size"),
                node.hasNonNull("category") ? node.get("category").asText() : null,
                FitRecord.Fit.parse(required(node, "fit")));
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    /**
     * A seeded shuffle into train, validation and test by the given shares (the paper's protocol splits
     * 80:10:10). The same seed gives the same split on any machine.
     */
    public static Split split(List<FitRecord> records, double trainShare, double validationShare, long seed) {
        int[] order = Permutations.of(records.size(), seed);
        int trainEnd = (int) Math.round(order.length * trainShare);
        int validationEnd = (int) Math.round(order.length * (trainShare + validationShare));
        return new Split(pick(records, order, 0, trainEnd), pick(records, order, trainEnd, validationEnd),
                pick(records, order, validationEnd, order.length));
    }

    private static List<FitRecord> pick(List<FitRecord> records, int[] order, int from, int to) {
        List<FitRecord> picked = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            picked.add(records.get(order[i]));
        }
        return List.copyOf(picked);
    }

    public record Split(List<FitRecord> train, List<FitRecord> validation, List<FitRecord> test) {
    }
}
