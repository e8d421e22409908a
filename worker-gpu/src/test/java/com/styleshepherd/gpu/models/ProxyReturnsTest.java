package com.styleshepherd.gpu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.returnrisk.ReturnFeatures;
import com.styleshepherd.gpu.returnrisk.ReturnRiskModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cross-fitted proxy lines: every purchase becomes exactly one line, labelled as it was, and no line's
 * features saw its own label (changing one purchase's label changes other folds' features, never its own line's).
 */
class ProxyReturnsTest {

    static final int FOLDS = 5;
    static final long SEED = 11L;

    /** Purchases where one category and the small sizes mostly do not fit. */
    static List<FitRecord> purchases(int n, long seed) {
        Random random = new Random(seed);
        List<FitRecord> out = new ArrayList<>();
        String[] sizes = {"2", "4", "6", "8", "10"};
        for (int i = 0; i < n; i++) {
            String category = random.nextBoolean() ? "dress" : "gown";
            int size = random.nextInt(sizes.length);
            double miss = (category.equals("gown") ? 0.5 : 0.1) + (size < 2 ? 0.3 : 0);
            FitRecord.Fit fit = random.nextDouble() < miss ? (random.nextBoolean() ? FitRecord.Fit.SMALL
                    : FitRecord.Fit.LARGE) : FitRecord.Fit.FIT;
            // Customers buy twice on average, so their own not-fit rate is a feature that can leak.
            out.add(new FitRecord("c" + random.nextInt(n / 2), "p" + random.nextInt(6), sizes[size], category, fit));
        }
        return out;
    }

    @Test
    void everyPurchaseIsOneLineWithItsOwnLabel() {
        List<FitRecord> records = purchases(120, 1);
        List<ReturnRiskModel.Row> rows = ProxyReturns.crossFitted(records, FOLDS, SEED);
        assertEquals(records.size(), rows.size());
        long notFit = records.stream().filter(r -> r.fit() != FitRecord.Fit.FIT).count();
        assertEquals(notFit, rows.stream().filter(ReturnRiskModel.Row::returned).count());
        for (ReturnRiskModel.Row row : rows) {
            for (String name : ReturnFeatures.ALWAYS) {
                assertTrue(row.features().containsKey(name), name + " on every line");
            }
            double p = row.features().get(ReturnFeatures.FIT_SMALL) + row.features().get(ReturnFeatures.FIT_LARGE);
            assertTrue(p >= 0 && p <= 1 + 1e-6, "P(not fit) " + p);
        }
        assertEquals(rows, ProxyReturns.crossFitted(records, FOLDS, SEED), "seeded: the same lines again");
    }

    @Test
    void noLineSawItsOwnLabel() {
        List<FitRecord> records = purchases(120, 2);
        List<ReturnRiskModel.Row> before = ProxyReturns.crossFitted(records, FOLDS, SEED);
        for (int flipped : new int[] {0, 37, 119}) {
            List<FitRecord> changed = new ArrayList<>(records);
            FitRecord r = records.get(flipped);
            FitRecord.Fit other = r.fit() == FitRecord.Fit.FIT ? FitRecord.Fit.SMALL : FitRecord.Fit.FIT;
            changed.set(flipped, new FitRecord(r.customer(), r.parent(), r.size(), r.category(), other));
            List<ReturnRiskModel.Row> after = ProxyReturns.crossFitted(changed, FOLDS, SEED);
            int line = lineOf(before, after);
            assertTrue(line >= 0, "exactly the flipped purchase's label differs");
            assertEquals(before.get(line).features(), after.get(line).features(),
                    "the flipped purchase's own features did not move");
            assertNotEquals(before.get(line).returned(), after.get(line).returned());
            long moved = 0;
            for (int i = 0; i < before.size(); i++) {
                if (!before.get(i).features().equals(after.get(i).features())) {
                    moved++;
                }
            }
            assertTrue(moved > 0, "other folds' lines did learn from the flipped label (the check can fail)");
        }
    }

    /** The one line whose label differs between the two runs; -1 if not exactly one. */
    private static int lineOf(List<ReturnRiskModel.Row> before, List<ReturnRiskModel.Row> after) {
        int found = -1;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).returned() != after.get(i).returned()) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    @Test
    void theLinesFeaturesComeFromTheTrainingPurchasesAlone() {
        List<FitRecord> records = purchases(100, 3);
        List<FitRecord> train = records.subList(0, 80);
        List<FitRecord> held = records.subList(80, 100);
        List<ReturnRiskModel.Row> rows = ProxyReturns.lines(train, held, SEED);
        assertEquals(held.size(), rows.size());
        Map<String, Double> first = rows.getFirst().features();
        double overall = train.stream().filter(r -> r.fit() != FitRecord.Fit.FIT).count() / 80.0;
        String category = held.getFirst().category();
        long sold = train.stream().filter(r -> r.category().equals(category)).count();
        long missed = train.stream().filter(r -> r.category().equals(category) && r.fit() != FitRecord.Fit.FIT).count();
        assertEquals((missed + ProxyReturns.CATEGORY_PRIOR_WEIGHT * overall) / (sold + ProxyReturns.CATEGORY_PRIOR_WEIGHT),
                first.get(ReturnFeatures.CATEGORY_RATE), 1e-12);
    }
}
