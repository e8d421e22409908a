package com.styleshepherd.gpu.returnrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.workflows.returnrisk.CategoryReturns;
import com.styleshepherd.workflows.returnrisk.LineRisk;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ReturnHistory;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import com.styleshepherd.workflows.returnrisk.RiskLevel;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each signal of the first return-risk model moves the score the way returns data says it should. */
class ReturnRiskRulesTest {

    static final List<String> LETTERS = List.of("XXS", "XS", "S", "M", "L", "XL", "XXL");
    /** Bust 92 cm: an M on the chart. */
    static final ShopperFit MEDIUM_BUST = new ShopperFit(168.0, 92.0, null, 74.0, 100.0, null, Map.of(), null);

    @Test
    void theRightSizeForAFirstTimeShopperIsLowRisk() {
        ReturnRiskAssessment assessment = ReturnRiskRules.assess(signals(MEDIUM_BUST, ReturnHistory.NONE,
                line(1, 10, "tops", "M")));

        LineRisk line = assessment.lines().getFirst();
        assertEquals("M", line.recommendedSize());
        assertEquals(RiskLevel.LOW, line.level());
        assertEquals(0.18, line.probability(), 0.01, "a new shopper in the right size returns at the category rate");
        assertEquals(List.of(), assessment.suggestions());
    }

    @Test
    void aSizeTwoStepsOffIsHighRiskAndSuggestsTheFittingSize() {
        ReturnRiskAssessment assessment = ReturnRiskRules.assess(signals(MEDIUM_BUST, ReturnHistory.NONE,
                line(1, 10, "dresses", "XS")));

        LineRisk line = assessment.lines().getFirst();
        assertEquals(-2.0, line.features().get("sizeSteps"));
        assertEquals(RiskLevel.HIGH, line.level());
        assertEquals(List.of("Size M of Item 10 fits you better than XS"), assessment.suggestions());
        assertTrue(assessment.reasons().getFirst().contains("2 sizes smaller"), assessment.reasons().toString());
    }

    @Test
    void theUsualSizeForACategoryWinsOverTheChart() {
        ShopperFit usuallyLarge = new ShopperFit(null, 92.0, null, null, null, null, Map.of("tops", "L"), null);

        LineRisk line = ReturnRiskRules.assess(signals(usuallyLarge, ReturnHistory.NONE, line(1, 10, "tops", "L")))
                .lines().getFirst();

        assertEquals("L", line.recommendedSize());
        assertEquals(0.0, line.features().get("sizeSteps"));
    }

    @Test
    void bracketingTheSameItemInTwoSizesRaisesEveryLineOfIt() {
        ReturnRiskAssessment single = ReturnRiskRules.assess(signals(ShopperFit.UNKNOWN, ReturnHistory.NONE,
                line(1, 10, "dresses", "M")));
        ReturnRiskAssessment bracketed = ReturnRiskRules.assess(signals(ShopperFit.UNKNOWN, ReturnHistory.NONE,
                line(1, 10, "dresses", "M"), line(2, 10, "dresses", "L")));

        assertTrue(bracketed.lines().get(0).probability() > single.lines().get(0).probability() + 0.25);
        assertEquals(RiskLevel.HIGH, bracketed.basketLevel());
        assertTrue(bracketed.suggestions().contains("Order one size of Item 10 instead of M and L"),
                bracketed.suggestions().toString());
        assertTrue(bracketed.basketProbability() > bracketed.lines().get(0).probability(),
                "the basket returns something if any line does");
    }

    @Test
    void aShopperWhoReturnsMostOfWhatTheyBuyIsRiskier() {
        ReturnRiskAssessment keeper = ReturnRiskRules.assess(signals(MEDIUM_BUST, new ReturnHistory(40, 2, 0, 0),
                line(1, 10, "tops", "M")));
        ReturnRiskAssessment returner = ReturnRiskRules.assess(signals(MEDIUM_BUST, new ReturnHistory(40, 28, 10, 2),
                line(1, 10, "tops", "M")));

        assertTrue(returner.lines().getFirst().probability() > 2 * keeper.lines().getFirst().probability());
        assertTrue(returner.reasons().getFirst().startsWith("You have returned 70%"), returner.reasons().toString());
    }

    @Test
    void aCategorysOwnReturnsOutweighThePriorOnceItHasSales() {
        assertEquals(0.30, ReturnRiskRules.categoryRate("dresses", null), 1e-9);
        assertEquals(0.30, ReturnRiskRules.categoryRate("dresses", new CategoryReturns("dresses", 0, 0)), 1e-9);
        double observed = ReturnRiskRules.categoryRate("dresses", new CategoryReturns("dresses", 1000, 500));
        assertTrue(observed > 0.48 && observed < 0.50, "rate " + observed);
    }

    @Test
    void jeansAreSizedByWaistInInches() {
        ShopperFit waist76 = new ShopperFit(null, null, null, 76.0, null, null, Map.of(), null);
        LineSignals jeans = new LineSignals(1, 11, "Item 11", "jeans", "26", 1, List.of("24", "26", "28", "30", "32", "34"),
                "slim", 40.0);

        LineRisk line = ReturnRiskRules.assess(new ReturnRiskSignals(waist76, ReturnHistory.NONE, List.of(jeans),
                Map.of(), null)).lines().getFirst();

        assertEquals("30", line.recommendedSize(), "76 cm is 29.9 inches");
        assertEquals(-2.0, line.features().get("sizeSteps"));
    }

    @Test
    void oneSizeAccessoriesCarryNoSizeRisk() {
        LineSignals bag = new LineSignals(1, 12, "Item 12", "bags", "ONE SIZE", 1, List.of("ONE SIZE"), null, 30.0);

        LineRisk line = ReturnRiskRules.assess(new ReturnRiskSignals(ShopperFit.UNKNOWN, ReturnHistory.NONE,
                List.of(bag), Map.of(), null)).lines().getFirst();

        assertEquals(0.08, line.probability(), 0.001);
        assertEquals(RiskLevel.LOW, line.level());
    }

    static LineSignals line(int lineNo, long productId, String category, String size) {
        return new LineSignals(lineNo, productId, "Item " + productId, category, size, 1, LETTERS, "regular", 50.0);
    }

    static ReturnRiskSignals signals(ShopperFit shopper, ReturnHistory history, LineSignals... lines) {
        return new ReturnRiskSignals(shopper, history, List.of(lines), Map.of(), null);
    }
}
