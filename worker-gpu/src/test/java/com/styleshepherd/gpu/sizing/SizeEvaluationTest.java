package com.styleshepherd.gpu.sizing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size evaluation's parts on small, hand-checked data. */
class SizeEvaluationTest {

    @Test
    void metricsAreCountedAsDefined() {
        SizeMetrics metrics = new SizeMetrics();
        // Predicts M (index 2) with 0.5; the person wears M: exact.
        metrics.add(new double[] {0, 0.1, 0.5, 0.4, 0, 0, 0}, 2);
        // Predicts M with 0.5; the person wears XL (index 4): two sizes off, probability 0 → clipped.
        metrics.add(new double[] {0, 0.1, 0.5, 0.4, 0, 0, 0}, 4);

        assertEquals(0.5, metrics.accuracy());
        assertEquals(0.5, metrics.withinOne());
        assertEquals(1.0, metrics.meanAbsoluteError());
        assertEquals((-Math.log(0.5) - Math.log(1e-15)) / 2, metrics.logLoss(), 1e-9);
        // Both in the 0.5–0.6 bin: mean confidence 0.5, accuracy 0.5.
        assertEquals(0.0, metrics.expectedCalibrationError(), 1e-12);
        assertTrue(metrics.reliabilityTable().contains("| 0.5–0.6 | 2 | 0.500 | 0.500 |"), metrics.reliabilityTable());
    }

    @Test
    void theSplitIsSeededAndCoversEveryRowOnce(@TempDir Path dir) throws Exception {
        BodySizes data = BodySizes.read(csv(dir, 50));
        BodySizes.Split first = data.split(0.8, 7);
        BodySizes.Split again = data.split(0.8, 7);

        assertEquals(40, first.train().count());
        assertEquals(10, first.test().count());
        assertArrayEquals(first.test().weight(), again.test().weight());
        double[] seen = new double[50];
        System.arraycopy(first.train().weight(), 0, seen, 0, 40);
        System.arraycopy(first.test().weight(), 0, seen, 40, 10);
        Arrays.sort(seen);
        assertArrayEquals(data.weight(), seen, "every row once (weights are distinct and sorted in the file)");
    }

    @Test
    void neighboursVoteAndUnknownValuesTakeTheMedian(@TempDir Path dir) throws Exception {
        BodySizes data = BodySizes.read(csv(dir, 50));
        NearestNeighbourSizeModel knn = new NearestNeighbourSizeModel(data, 3);

        // The lightest people wear XXS in the generated file; a light person's nearest are XXS.
        double[] p = knn.probabilities(41, 30, 150);
        assertEquals(0, Probabilities.mostLikely(p));
        assertEquals((3 + NearestNeighbourSizeModel.ALPHA) / (3 + 7 * NearestNeighbourSizeModel.ALPHA), p[0], 1e-12);
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
        // Unknown age and height: the training medians stand in.
        assertEquals(Probabilities.mostLikely(knn.probabilities(89, 30, 190)),
                Probabilities.mostLikely(knn.probabilities(89, Double.NaN, Double.NaN)));
        assertEquals(1.0, Arrays.stream(new MajoritySizeModel(data).probabilities(0, 0, 0)).sum(), 1e-12);
    }

    @Test
    void anUnknownSizeIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, ",weight,age,height,size,size_in_num\n0,60,30,170,XXXXL,7\n");
        assertThrows(IllegalArgumentException.class, () -> BodySizes.read(file));
    }

    /** People of weight 40..89 kg in the file's shape; size grows with weight, one size per ~7 kg. */
    private static Path csv(Path dir, int people) throws Exception {
        StringBuilder text = new StringBuilder(",weight,age,height,size,size_in_num\n");
        for (int i = 0; i < people; i++) {
            int size = Math.min(6, i / 7);
            text.append(i).append(',').append(40 + i).append(',').append(i % 3 == 0 ? "" : "30.0").append(',')
                    .append(150 + i).append(',').append(SizeLadder.SIZES.get(size)).append(',').append(size).append(".0\n");
        }
        Path file = dir.resolve("sizes.csv");
        Files.writeString(file, text);
        return file;
    }
}
