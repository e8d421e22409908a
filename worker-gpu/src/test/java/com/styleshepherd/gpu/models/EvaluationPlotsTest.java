package com.styleshepherd.gpu.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.gpu.sizing.SizeEvaluation;
import com.styleshepherd.gpu.sizing.SizeMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation plots' parts on small, hand-checked data. */
class EvaluationPlotsTest {

    @Test
    void theRocCurveStepsThroughTheScoresHighestFirstAndTiesTogether() {
        double[] scores = {0.9, 0.8, 0.8, 0.1};
        boolean[] positive = {true, true, false, false};

        double[][] curve = EvaluationPlots.rocCurve(scores, positive);

        // (0,0); 0.9 a positive: (0, 0.5); the tied 0.8s, one each: (0.5, 1); 0.1 a negative: (1, 1).
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, curve[0], 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, curve[1], 1e-12);
    }

    @Test
    void thePlotsArePngFiles(@TempDir Path dir) throws Exception {
        SizeMetrics metrics = new SizeMetrics();
        for (int i = 0; i < 50; i++) {
            metrics.add(new double[] {0.05, 0.1, 0.6, 0.1, 0.05, 0.05, 0.05}, i % 3 == 0 ? 3 : 2);
        }
        SizeEvaluation.Row row = new SizeEvaluation.Row("gradient-boosted trees (test)", metrics);

        EvaluationPlots.save(EvaluationPlots.reliability(List.of(row)), dir.resolve("r.png"));
        EvaluationPlots.save(EvaluationPlots.confusion(row), dir.resolve("c.png"));

        for (String name : List.of("r.png", "c.png")) {
            byte[] png = Files.readAllBytes(dir.resolve(name));
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', name);
        }
    }
}
