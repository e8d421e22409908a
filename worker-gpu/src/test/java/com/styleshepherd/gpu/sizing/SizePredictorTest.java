package com.styleshepherd.gpu.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.gpu.models.ModelRegistry;
import com.styleshepherd.gpu.models.ShippedModel;
import com.styleshepherd.gpu.models.ShippedModelBuilder;
import com.styleshepherd.gpu.returnrisk.SizeAdvisor;
import com.styleshepherd.workflows.conversation.SizePrediction;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the size predictor combines what it knows: the chart and usual sizes, and the shipped size model. */
class SizePredictorTest {

    static final List<String> LETTERS = List.of("XS", "S", "M", "L", "XL");
    static final LineSignals DRESS = new LineSignals(1, 7, "Wrap Dress", "dresses", null, 1, LETTERS, "regular", null);

    @Test
    void theChartPutsSeventyPercentOnItsSizeAndTheRestNearIt() {
        ShopperFit bust92 = new ShopperFit(null, 92.0, null, null, null, null, Map.of(), null);

        SizePrediction p = SizePredictor.predict("u1", bust92, DRESS, Optional.empty(), Optional.empty());

        assertEquals("M", p.recommendedSize());
        assertEquals(0.70, p.confidence(), 1e-9);
        assertEquals(0.12, p.probabilities().get("S"), 1e-9);
        assertEquals(0.12, p.probabilities().get("L"), 1e-9);
        assertEquals(0.03, p.probabilities().get("XS"), 1e-9);
        assertEquals(List.of("size-chart"), p.sources());
        assertEquals(List.copyOf(LETTERS), List.copyOf(p.probabilities().keySet()), "smallest first");
    }

    @Test
    void theUsualSizeWeighsFourTimesAndCanOutweighTheChart() {
        ShopperFit bust92UsuallyL = new ShopperFit(null, 92.0, null, null, null, null, Map.of("dresses", "l"), null);

        SizePrediction p = SizePredictor.predict("u1", bust92UsuallyL, DRESS, Optional.empty(), Optional.empty());

        // M: 0.70 × 1.5 = 1.05; L: 0.12 × 4 = 0.48 → M stays, L rises from 0.12.
        assertEquals("M", p.recommendedSize());
        assertTrue(p.probabilities().get("L") > 0.12 * 2, p.toString());
        assertEquals(List.of("size-chart", "usual-size"), p.sources());
        assertTrue(p.explanation().contains("usually wear in dresses"), p.explanation());

        ShopperFit onlyUsual = new ShopperFit(null, null, null, null, null, null, Map.of("dresses", "XL"), null);
        assertEquals("XL", SizePredictor.predict("u1", onlyUsual, DRESS, Optional.empty(), Optional.empty()).recommendedSize());
    }

    @Test
    void nothingKnownRecommendsNothingGivesNoUniformProbabilitiesAndSaysWhatWouldHelp() {
        SizePrediction p = SizePredictor.predict("u1", ShopperFit.UNKNOWN, DRESS, Optional.empty(), Optional.empty());

        assertNull(p.recommendedSize());
        assertEquals(Map.of(), p.probabilities(), "no probabilities rather than uniform ones");
        assertEquals(0.0, p.confidence());
        assertEquals(List.of(), p.sources());
        assertEquals("To recommend a size I need your bust or chest measurement, or the size you usually wear in dresses.",
                p.explanation());

        try (var shipped = sizeModel()) {
            SizePrediction withModel = SizePredictor.predict("u1", ShopperFit.UNKNOWN, DRESS,
                    Optional.of(new ModelRegistry.Loaded<>(1, shipped)), Optional.empty());
            assertTrue(withModel.explanation().startsWith("To recommend a size I need your height and your weight, or "),
                    withModel.explanation());
        }
    }

    @Test
    void aShopperWhoSavedHeightAndWeightIsAskedOnlyForWhatIsMissing() {
        ShopperFit tall = new ShopperFit(165.0, null, null, null, null, null, Map.of(), null);
        try (var shipped = sizeModel()) {
            SizePrediction p = SizePredictor.predict("u1", tall, DRESS, Optional.of(new ModelRegistry.Loaded<>(1, shipped)),
                    Optional.empty());
            assertNull(p.recommendedSize());
            assertTrue(p.explanation().startsWith("To recommend a size I need your weight, or "), p.explanation());
            assertFalse(p.explanation().contains("height"), p.explanation());
        }

        // Height and weight but no size model loaded: the chart needs girths; never "tell me your height and weight".
        ShopperFit both = new ShopperFit(165.0, null, null, null, null, null, Map.of(), 58.0);
        SizePrediction noModel = SizePredictor.predict("u1", both, DRESS, Optional.empty(), Optional.empty());
        assertNull(noModel.recommendedSize());
        assertTrue(noModel.explanation().contains("your bust or chest measurement"), noModel.explanation());
        assertFalse(noModel.explanation().contains("need your height"), noModel.explanation());

        // Jeans are sold by waist in inches: the size model cannot take them, the chart needs a waist.
        LineSignals jeans = new LineSignals(1, 9, "Slim Jeans", "jeans", null, 1, List.of("28", "30", "32"), "regular", null);
        try (var shipped = sizeModel()) {
            SizePrediction p = SizePredictor.predict("u1", both, jeans, Optional.of(new ModelRegistry.Loaded<>(1, shipped)),
                    Optional.empty());
            assertTrue(p.explanation().contains("sold in 28, 30, 32")
                    && p.explanation().contains("your waist measurement"), p.explanation());
            assertFalse(p.explanation().contains("need your height"), p.explanation());
        }
    }

    @Test
    void theShippedModelSizes165Cm58KgAndNamesItsVersion() {
        ShopperFit shopper = new ShopperFit(165.0, null, null, null, null, null, Map.of(), 58.0);
        try (var shipped = sizeModel()) {
            SizePrediction p = SizePredictor.predict("u1", shopper, DRESS, Optional.of(new ModelRegistry.Loaded<>(1, shipped)),
                    Optional.empty());
            assertTrue(List.of("S", "M").contains(p.recommendedSize()), p.toString());
            assertEquals(List.of("size-model v1"), p.sources());
            assertTrue(p.confidence() > 0.35, "not uniform: " + p.probabilities());
        }
    }

    @Test
    void theChartAnswerNamesTheChartAndItsNumbers() {
        ShopperFit bust92 = new ShopperFit(null, 92.0, null, null, null, null, Map.of(), null);
        SizePrediction p = SizePredictor.predict("u1", bust92, DRESS, Optional.empty(), Optional.empty());
        assertEquals(List.of("your bust of 92 cm (M is 90–98 cm) on the " + SizeAdvisor.CHART), p.reasons());

        LineSignals skirt = new LineSignals(1, 10, "Pleated Skirt", "skirts", null, 1, LETTERS, "regular", null);
        ShopperFit waistHips = new ShopperFit(null, null, null, 70.0, 100.0, null, Map.of(), null);
        SizePrediction lower = SizePredictor.predict("u1", waistHips, skirt, Optional.empty(), Optional.empty());
        assertEquals("M", lower.recommendedSize(), "hips of 100 cm are an M, a waist of 70 cm an S: the larger");
        assertTrue(lower.reasons().getFirst().contains("your hips of 100 cm (M is 98–104 cm)"), lower.reasons().toString());
    }

    private static BoostedSizeModel sizeModel() {
        return BoostedSizeModel.fromBytes(ShippedModel.load(ShippedModelBuilder.SIZE).orElseThrow().weights());
    }

    @Test
    void aOneSizeProductNeedsNoModel() {
        LineSignals scarf = new LineSignals(1, 8, "Scarf", "accessories", null, 1, List.of("ONE SIZE"), null, null);

        SizePrediction p = SizePredictor.predict("u1", ShopperFit.UNKNOWN, scarf, Optional.empty(), Optional.empty());

        assertEquals("ONE SIZE", p.recommendedSize());
        assertEquals(Map.of("ONE SIZE", 1.0), p.probabilities());
    }
}
