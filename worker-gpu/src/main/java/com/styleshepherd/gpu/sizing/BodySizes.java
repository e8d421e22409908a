package com.styleshepherd.gpu.sizing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * People's measurements and the size they wear: the public "Clothes Size Prediction" data
 * ({@code ../shared/data/size/clothes_size_prediction.csv}: weight kg, age, height cm, size). Missing ages
 * and heights stay {@code NaN}; models fill them from their training data.
 */
public record BodySizes(double[] weight, double[] age, double[] height, int[] size) {

    public int count() {
        return size.length;
    }

    public static BodySizes read(Path csv) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get().parse(in)) {
                rows.add(new double[] {number(record.get("weight")), number(record.get("age")),
                        number(record.get("height")), SizeLadder.index(record.get("size"))});
            }
        }
        return of(rows);
    }

    /** Rows of {weight, age, height, ladder index}, NaN where unknown. */
    public static BodySizes of(List<double[]> rows) {
        BodySizes all = new BodySizes(new double[rows.size()], new double[rows.size()], new double[rows.size()],
                new int[rows.size()]);
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            all.weight[i] = row[0];
            all.age[i] = row[1];
            all.height[i] = row[2];
            all.size[i] = (int) row[3];
        }
        return all;
    }

    private static double number(String text) {
        return text == null || text.isBlank() || text.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(text);
    }

    /** The rows at these positions, in this order. */
    public BodySizes rows(int[] positions) {
        BodySizes picked = new BodySizes(new double[positions.length], new double[positions.length],
                new double[positions.length], new int[positions.length]);
        for (int i = 0; i < positions.length; i++) {
            picked.weight[i] = weight[positions[i]];
            picked.age[i] = age[positions[i]];
            picked.height[i] = height[positions[i]];
            picked.size[i] = size[positions[i]];
        }
        return picked;
    }

    /**
     * A seeded shuffle split: the first {@code share} of a permutation trains, the rest tests. The same
     * seed gives the same split on any machine (java.util.Random is specified exactly).
     */
    public Split split(double share, long seed) {
        int[] order = Permutations.of(count(), seed);
        int cut = (int) Math.round(order.length * share);
        return new Split(rows(Arrays.copyOfRange(order, 0, cut)), rows(Arrays.copyOfRange(order, cut, order.length)));
    }

    /** These row sets one after the other. */
    public static BodySizes concat(List<BodySizes> parts) {
        int total = parts.stream().mapToInt(BodySizes::count).sum();
        BodySizes out = new BodySizes(new double[total], new double[total], new double[total], new int[total]);
        int at = 0;
        for (BodySizes part : parts) {
            System.arraycopy(part.weight, 0, out.weight, at, part.count());
            System.arraycopy(part.age, 0, out.age, at, part.count());
            System.arraycopy(part.height, 0, out.height, at, part.count());
            System.arraycopy(part.size, 0, out.size, at, part.count());
            at += part.count();
        }
        return out;
    }

    public record Split(BodySizes train, BodySizes test) {
    }
}
