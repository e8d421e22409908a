package com.styleshepherd.gpu.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.workflows.conversation.SizePrediction;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the size predictor combines what it knows, without learned models (the cold start). */
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
    void nothingKnownRecommendsNothingAndSaysWhatWouldHelp() {
        SizePrediction p = SizePredictor.predict("u1", ShopperFit.UNKNOWN, DRESS, Optional.empty(), Optional.empty());

        assertNull(p.recommendedSize());
        assertEquals(0.2, p.probabilities().get("M"), 1e-9);
        assertTrue(p.explanation().contains("height and weight"), p.explanation());
    }

    @Test
    void aOneSizeProductNeedsNoModel() {
        LineSignals scarf = new LineSignals(1, 8, "Scarf", "accessories", null, 1, List.of("ONE SIZE"), null, null);

        SizePrediction p = SizePredictor.predict("u1", ShopperFit.UNKNOWN, scarf, Optional.empty(), Optional.empty());

        assertEquals("ONE SIZE", p.recommendedSize());
        assertEquals(Map.of("ONE SIZE", 1.0), p.probabilities());
    }
}
