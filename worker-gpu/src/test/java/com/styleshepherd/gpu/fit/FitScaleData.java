package com.styleshepherd.gpu.fit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a file of generated purchases with the size and shape of a public fit file, so that the fit
 * evaluation's time and memory at full scale can be measured where the real files cannot be downloaded
 * (docs/evaluation.md#fit-at-full-scale). Customers have a hidden true size, products a hidden offset;
 * how many purchases a customer makes is heavy-tailed, as in the real files (most buy once).
 *
 * <p>{@code FitScaleData <out.json> <customers> <products> <purchases> <seed>}; ModCloth is
 * 47,958 / 1,378 / 82,790, RentTheRunway 105,508 / 5,850 / 192,544.
 */
public final class FitScaleData {

    private FitScaleData() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int customers = Integer.parseInt(args[1]);
        int products = Integer.parseInt(args[2]);
        int purchases = Integer.parseInt(args[3]);
        Random random = new Random(Long.parseLong(args[4]));
        double[] trueSize = new double[customers];
        for (int c = 0; c < customers; c++) {
            trueSize[c] = 1 + random.nextDouble() * 20;
        }
        double[] offset = new double[products];
        for (int p = 0; p < products; p++) {
            offset[p] = random.nextGaussian() * 0.8;
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            for (int n = 0; n < purchases; n++) {
                // Every customer buys once; the rest go to a few, Zipf-like.
                int customer = n < customers ? n : (int) (customers * Math.pow(random.nextDouble(), 3));
                int product = (int) (products * Math.pow(random.nextDouble(), 2));
                int size = (int) Math.max(0, Math.round(trueSize[customer] + random.nextGaussian()));
                double difference = trueSize[customer] - (size + offset[product]) + random.nextGaussian() * 0.25;
                String fit = difference > 0.6 ? "small" : difference < -0.6 ? "large" : "fit";
                writer.write(String.format(Locale.ROOT,
                        "{\"user_id\":\"u%d\",\"item_id\":\"i%d\",\"size\":%d,\"category\":\"dress\",\"fit\":\"%s\"}%n",
                        customer, product, size, fit));
            }
        }
    }
}
