package com.styleshepherd.gpu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.styleshepherd.gpu.sizing.BoostedSizeModel;
import com.styleshepherd.gpu.sizing.Probabilities;
import com.styleshepherd.gpu.sizing.SizeLadder;
import com.styleshepherd.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped size model: its artifact is the one its card describes (always), it answers 165 cm / 58 kg as
 * the evaluation does (always), and retraining it from the public data with the card's seeds gives the card's
 * metrics and the same weights (where {@code ../shared/data} is present; skipped, saying so, elsewhere).
 */
class ShippedModelsTest {

    @Test
    void theShippedArtifactIsTheOneItsCardDescribes() throws Exception {
        ShippedModel shipped = ShippedModel.load(ShippedModelBuilder.SIZE).orElseThrow();
        byte[] artifact;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("models/size-v1.bin.gz")) {
            artifact = in.readAllBytes();
        }
        JsonNode card = shipped.card();
        assertEquals(card.path("sha256").asText(), ShippedModel.sha256(artifact));
        assertEquals(card.path("bytes").asInt(), artifact.length);
        assertTrue(artifact.length < 5_000_000, "well under 5 MB: " + artifact.length);
        assertEquals(card.path("weightsSha256").asText(), ShippedModel.sha256(shipped.weights()));
        assertEquals("size", shipped.kind());
        assertEquals("shipped:size-v1", shipped.trainingRun());
        assertEquals("log loss", shipped.metric());
        assertEquals(shipped.metrics().get("logLoss"), shipped.score());
        for (String metric : new String[] {"accuracy", "withinOne", "meanAbsoluteError", "logLoss", "ece"}) {
            assertTrue(shipped.metrics().containsKey(metric), metric + " on the card");
        }
        assertEquals(ShippedModelBuilder.SPLIT_SEED, card.path("split").path("seed").asLong());
        assertEquals(ShippedModelBuilder.TRAINING_SEED, card.path("split").path("trainingSeed").asLong());
        assertEquals(ShippedModelBuilder.COMMAND, card.path("command").asText());
        assertTrue(card.path("library").asText().startsWith("XGBoost4J " + ShippedModelBuilder.xgboostVersion()),
                card.path("library").asText());
    }

    @Test
    void theShippedModelSizes165Cm58KgAsMediumOrSmall() {
        ShippedModel shipped = ShippedModel.load(ShippedModelBuilder.SIZE).orElseThrow();
        try (BoostedSizeModel model = BoostedSizeModel.fromBytes(shipped.weights())) {
            double[] p = model.probabilities(58, Double.NaN, 165);
            String best = SizeLadder.SIZES.get(Probabilities.mostLikely(p));
            assertTrue(best.equals("M") || best.equals("S"), best + " " + Arrays.toString(p));
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
            double uniform = 1.0 / p.length;
            assertTrue(Arrays.stream(p).max().orElseThrow() > 2 * uniform, "not uniform: " + Arrays.toString(p));
            // Heavier at the same height: a larger most probable size.
            assertTrue(Probabilities.mostLikely(model.probabilities(95, Double.NaN, 165)) > Probabilities.mostLikely(p));
        }
    }

    @Test
    void retrainingWithTheCardsSeedsGivesTheCardsMetricsAndTheSameWeights() throws Exception {
        Path csv = SharedData.require("size/clothes_size_prediction.csv");
        ShippedModel shipped = ShippedModel.load(ShippedModelBuilder.SIZE).orElseThrow();
        assertEquals(shipped.card().path("data").path("sha256").asText(), ShippedModel.sha256(Files.readAllBytes(csv)),
                "the card names this data file");

        ShippedModelBuilder.Built rebuilt = ShippedModelBuilder.buildSize(csv);

        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) rebuilt.card().get("metrics");
        for (Map.Entry<String, Double> recorded : shipped.metrics().entrySet()) {
            double again = ((Number) metrics.get(recorded.getKey())).doubleValue();
            assertEquals(recorded.getValue(), again, 2e-6, recorded.getKey());
        }
        // One thread and a fixed seed: the same trees, byte for byte.
        assertEquals(shipped.card().path("weightsSha256").asText(), ShippedModel.sha256(rebuilt.weights()),
                "retrained weights differ from the shipped ones: XGBoost training is not deterministic here");
    }
}
