package com.styleshepherd.gpu.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.gpu.sizing.Probabilities;
import com.styleshepherd.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit model learns fit semantics where they exist: purchases generated from hidden true sizes (a
 * customer's size against a product's size plus its brand's offset) are predicted well above chance on
 * held-out purchases. And the evaluation command runs on the public 100-record samples.
 */
public class FitModelTest {

    @Test
    void latentFactorsRecoverHiddenTrueSizes() {
        FitRecords.Split split = FitRecords.split(generated(500, 10, 7), 0.8, 0.1, 3);
        try (FitModel best = FitModel.latentFactors(split.train(), split.validation(), 10, 5);
                FitModel baseline = FitModel.trueSizes(split.train(), split.validation(), 5)) {
            double[] kLf = FitMetrics.aucs(split.test(), best.predict(split.test()));
            double[] oneLv = FitMetrics.aucs(split.test(), baseline.predict(split.test()));
            assertTrue(kLf[3] > 0.75, "K-LF average AUC " + kLf[3] + " epochs " + best.epochs() + " 1-LV " + oneLv[3] + " epochs " + baseline.epochs());
            assertTrue(oneLv[3] > 0.75, "1-LV-LR average AUC " + oneLv[3]);
            assertTrue(best.epochs() > 0 && baseline.epochs() > 0, "training improved on the initial factors");

            // Direction: a customer's purchase far below their size is predicted small, far above large.
            double[][] predicted = best.predict(split.test());
            int agree = 0;
            int confident = 0;
            for (int i = 0; i < split.test().size(); i++) {
                int argmax = Probabilities.mostLikely(predicted[i]);
                if (predicted[i][argmax] > 0.6) {
                    confident++;
                    agree += argmax == split.test().get(i).fit().ordinal() ? 1 : 0;
                }
            }
            assertTrue(confident > 20 && agree > 0.7 * confident, agree + " of " + confident + " confident predictions right");
        }
    }

    @Test
    void aSavedModelPredictsTheSame() {
        FitRecords.Split split = FitRecords.split(generated(120, 6, 11), 0.8, 0.1, 3);
        try (FitModel model = FitModel.latentFactors(split.train(), split.validation(), 4, 5);
                FitModel loaded = FitModel.fromBytes(model.toBytes())) {
            FitRecord some = split.test().getFirst();
            assertArrayEquals(model.predict(some.customer(), some.parent(), some.size()),
                    loaded.predict(some.customer(), some.parent(), some.size()), 1e-6);
            double[] unseen = loaded.predict("nobody", "nothing", "M");
            assertEquals(1.0, unseen[0] + unseen[1] + unseen[2], 1e-5);
        }
        assertThrows(IllegalArgumentException.class, () -> FitModel.fromBytes(new byte[] {1, 2, 3}));
    }

    @Test
    void aucCountsTiesAsHalf() {
        assertEquals(1.0, FitMetrics.auc(new double[] {0.1, 0.9}, new boolean[] {false, true}));
        assertEquals(0.0, FitMetrics.auc(new double[] {0.9, 0.1}, new boolean[] {false, true}));
        assertEquals(0.5, FitMetrics.auc(new double[] {0.5, 0.5}, new boolean[] {false, true}));
        assertEquals(0.75, FitMetrics.auc(new double[] {0.2, 0.5, 0.5}, new boolean[] {false, false, true}));
        assertTrue(Double.isNaN(FitMetrics.auc(new double[] {0.2}, new boolean[] {true})));
    }

    @Test
    void theEvaluationRunsOnThePublicSamples(@TempDir Path dir) throws Exception {
        Path modcloth = SharedData.require("fit/modcloth_final_data_mini.json");
        Path rtr = SharedData.require("fit/renttherunway_final_data_mini.json");
        List<FitRecord> records = FitRecords.read(rtr);
        assertEquals(100, records.size());
        assertEquals(79, records.stream().filter(r -> r.fit() == FitRecord.Fit.FIT).count(), "the README's label counts");
        assertEquals(10, records.stream().filter(r -> r.fit() == FitRecord.Fit.SMALL).count());

        Path report = dir.resolve("fit.md");
        System.setProperty("fit.report", report.toString());
        try {
            FitEvaluation.main(new String[] {modcloth + "," + rtr});
        } finally {
            System.clearProperty("fit.report");
        }
        String text = Files.readString(report);
        assertTrue(text.contains("| modcloth_final_data_mini.json | 80 / 10 / 10 | 1-LV-LR"), text);
        assertTrue(text.contains("| 0.657 |") && text.contains("| 0.719 |"), "the paper's figures beside ours: " + text);
    }

    @Test
    void aRecordWithoutALabelIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"user_id\":\"1\",\"item_id\":\"2\",\"size\":4,\"fit\":\"fit\"}\n{\"user_id\":\"1\",\"item_id\":\"2\",\"size\":4}\n");
        Exception e = assertThrows(java.io.IOException.class, () -> FitRecords.read(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("fit"), e.getMessage());
    }

    /**
     * Customers with a hidden true size buy products (each with a hidden offset) in a size near theirs;
     * the feedback is the difference of true sizes plus noise: small above +0.6, large below −0.6.
     */
    public static List<FitRecord> generated(int customers, int purchasesEach, long seed) {
        Random random = new Random(seed);
        int products = 40;
        double[] offset = new double[products];
        for (int p = 0; p < products; p++) {
            offset[p] = random.nextGaussian() * 0.8;
        }
        List<FitRecord> records = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            double trueSize = 1 + random.nextDouble() * 5;
            for (int n = 0; n < purchasesEach; n++) {
                int product = random.nextInt(products);
                int size = (int) Math.max(0, Math.min(7, Math.round(trueSize + random.nextGaussian())));
                double difference = trueSize - (size + offset[product]) + random.nextGaussian() * 0.25;
                FitRecord.Fit fit = difference > 0.6 ? FitRecord.Fit.SMALL
                        : difference < -0.6 ? FitRecord.Fit.LARGE : FitRecord.Fit.FIT;
                records.add(new FitRecord("c" + c, "p" + product, Integer.toString(size), "dress", fit));
            }
        }
        return records;
    }
}
