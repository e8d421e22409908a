package com.styleshepherd.gpu.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.gpu.fit.FitModelTest;
import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.returnrisk.ReturnFeatures;
import com.styleshepherd.gpu.returnrisk.ReturnRiskActivitiesImpl;
import com.styleshepherd.gpu.sizing.SizePredictor;
import com.styleshepherd.store.models.ModelStore;
import com.styleshepherd.store.models.StoredModel;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.testing.SharedData;
import com.styleshepherd.testing.TestInfrastructure;
import com.styleshepherd.workflows.conversation.SizePrediction;
import com.styleshepherd.workflows.models.CandidateReport;
import com.styleshepherd.workflows.models.ModelKind;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ReturnHistory;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Training, storing and promoting the learned models against a real PostgreSQL (a database of this class's
 * own), with the public size data (a seeded sample) and fit data generated from hidden true sizes as the
 * bootstrap; then the scoring activities use what was promoted.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelTrainingTest implements RealInfrastructure {

    @Inject
    ModelTrainingActivitiesImpl training;

    @Inject
    ModelStore store;

    @Inject
    ModelRegistry registry;

    @Inject
    ReturnRiskActivitiesImpl returnRisk;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealInfrastructure.super.getProperties());
        properties.put("datasources.default.url", TestInfrastructure.createDatabase("models"));
        properties.put("styleshepherd.models.training.size-data",
                SharedData.require("size/clothes_size_prediction.csv").toString());
        properties.put("styleshepherd.models.training.size-sample", "6000");
        properties.put("styleshepherd.models.training.fit-data", generatedFitData().toString());
        return properties;
    }

    @Test
    @Order(1)
    void aCandidateIsStoredOncePerRunAndPromotedWhenNoneIs() {
        CandidateReport first = training.trainCandidate(ModelKind.SIZE, "test/run-1");

        assertNotNull(first.version(), first.decision());
        assertTrue(first.better(), "nothing promoted yet: " + first.decision());
        assertTrue(first.score() > 0.9 && first.score() < 1.4, "held-out log loss " + first.score());
        assertEquals(1200, first.testRows(), "20% of the 6000 sampled rows (the shop has no orders)");
        // A retried activity of the same run stores nothing new.
        assertEquals(first.version(), training.trainCandidate(ModelKind.SIZE, "test/run-1").version());
        assertEquals(1, store.count("size"));

        assertTrue(training.promote(ModelKind.SIZE, first.version(), null));
        assertEquals(first.version(), registry.size().orElseThrow().version());
        StoredModel stored = store.promoted("size").orElseThrow();
        assertTrue(stored.metrics().get("accuracy") > 0.4, stored.metrics().toString());
        assertTrue(stored.metrics().containsKey("ece"));
    }

    @Test
    @Order(2)
    void theNextCandidateIsComparedWithThePromotedOneOnTheSameRows() {
        int promoted = store.promoted("size").orElseThrow().version();
        CandidateReport second = training.trainCandidate(ModelKind.SIZE, "test/run-2");

        assertEquals(promoted, second.currentVersion());
        assertNotNull(second.currentScore());
        assertEquals(ModelKind.SIZE.better(second.score(), second.currentScore()), second.better(), second.decision());
        assertTrue(second.decision().contains("v" + promoted), second.decision());
        // A promotion that expected another version to be current changes nothing.
        assertFalse(training.promote(ModelKind.SIZE, second.version(), promoted + 100));
        assertEquals(promoted, store.promoted("size").orElseThrow().version());
        assertTrue(training.promote(ModelKind.SIZE, second.version(), promoted));
        assertEquals(second.version(), store.promoted("size").orElseThrow().version());
        assertEquals(1, store.list("size", 0, 10).stream().filter(StoredModel::promoted).count());
    }

    @Test
    @Order(3)
    void theLearnedFitAndReturnRiskModelsScoreTheCheckout() {
        CandidateReport fit = training.trainCandidate(ModelKind.FIT, "test/run-1");
        assertTrue(fit.score() > 0.7, "held-out average AUC on purchases with hidden true sizes: " + fit.decision());
        assertTrue(training.promote(ModelKind.FIT, fit.version(), null));
        CandidateReport risk = training.trainCandidate(ModelKind.RETURN_RISK, "test/run-1");
        assertTrue(risk.score() < 0.69, "log loss below a coin's: " + risk.decision());
        // No version promoted yet: the first must beat the rates checkout reads meanwhile, on the same rows.
        double rates = store.list("return-risk", 0, 10).stream().filter(m -> m.version() == risk.version()).findFirst()
                .orElseThrow().metrics().get("baselineScore");
        assertTrue(risk.decision().contains(ModelTrainingActivitiesImpl.RATES_BASELINE), risk.decision());
        assertEquals(ModelKind.RETURN_RISK.better(risk.score(), rates), risk.better(), risk.decision());
        assertTrue(training.promote(ModelKind.RETURN_RISK, risk.version(), null));

        List<String> letters = List.of("XS", "S", "M", "L", "XL");
        ShopperFit shopper = new ShopperFit(165.0, null, null, null, null, null, Map.of(), 58.0);
        LineSignals wrongSize = new LineSignals(1, 7, "Wrap Dress", "dresses", "XL", 1, letters, "regular", 59.0);
        ReturnRiskAssessment assessment = returnRisk.assessReturnRisk(new ReturnRiskSignals(shopper,
                new ReturnHistory(4, 1, 1, 0), List.of(wrongSize), Map.of(), "c1"));

        assertEquals(ReturnRiskActivitiesImpl.LEARNED_MODEL_ID, assessment.modelId());
        assertEquals(Integer.toString(risk.version()), assessment.modelVersion());
        var line = assessment.lines().getFirst();
        assertTrue(line.probability() > 0 && line.probability() < 1);
        for (String feature : ReturnFeatures.ALWAYS) {
            assertTrue(line.features().containsKey(feature), feature + " stored for retraining: " + line.features());
        }
        assertTrue(line.features().get(ReturnFeatures.SIZE_STEPS) > 0, "XL is above what 58 kg suggests: " + line.features());
        assertEquals(59.0, line.features().get(ReturnFeatures.UNIT_PRICE));

        SizePrediction size = SizePredictor.predict("c1", shopper, wrongSize, registry.size(), registry.fit());
        assertTrue(size.sources().contains("size-model v" + store.promoted("size").orElseThrow().version()), size.sources().toString());
        assertEquals(1.0, size.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(letters.indexOf(size.recommendedSize()) <= 2, "58 kg, 165 cm: XS to M, not " + size + " body " + java.util.Arrays.toString(registry.size().orElseThrow().model().probabilities(58, Double.NaN, 165)));
    }

    /** Purchases generated from hidden true sizes (see FitModelTest), in the public files' JSON Lines shape. */
    private static Path generatedFitData() {
        try {
            Path file = Files.createTempFile("fit-", ".json");
            StringBuilder lines = new StringBuilder();
            for (FitRecord r : FitModelTest.generated(400, 8, 17)) {
                lines.append(String.format("{\"user_id\":\"%s\",\"item_id\":\"%s\",\"size\":%s,\"category\":\"%s\",\"fit\":\"%s\"}%n",
                        r.customer(), r.parent(), r.size(), r.category(), r.fit().name().toLowerCase(java.util.Locale.ROOT)));
            }
            Files.writeString(file, lines);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
