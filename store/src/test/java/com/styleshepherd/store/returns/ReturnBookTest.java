package com.styleshepherd.store.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Returns and their analytics against a real PostgreSQL: rows read through repository projections. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReturnBookTest implements RealInfrastructure {

    @Inject
    ReturnBook returns;

    @Inject
    ReturnAnalytics analytics;

    @Inject
    ProductCatalog catalog;

    private ShopOrders orders;
    private String shopper;

    @BeforeAll
    void setUp() {
        orders = new ShopOrders(catalog);
        shopper = orders.shopper("returner", null, null);
    }

    @Test
    void aReturnIsReadWithItsProductAndOnlyByItsShopper() {
        ShopOrders.Order order = orders.order(shopper, "DELIVERED", 3, null, null);
        UUID returnId = orders.requestReturn(shopper, order, 2, "TOO_SMALL", null);

        ReturnRecord recorded = returns.find(returnId).orElseThrow();

        assertEquals(order.id(), recorded.orderId());
        assertEquals(order.lineId(), recorded.lineId());
        assertEquals(orders.productId(), recorded.productId());
        assertEquals("ORDERS-" + orders.tag(), recorded.sku());
        assertEquals("Orders test dress", recorded.productName());
        assertEquals("M", recorded.size());
        assertEquals(2, recorded.quantity());
        assertEquals("TOO_SMALL", recorded.reason());
        assertNull(recorded.comment());
        assertEquals("REQUESTED", recorded.status());
        assertTrue(Duration.between(recorded.createdAt(), Instant.now()).abs().toMinutes() < 5);
        assertEquals(Optional.of(recorded), returns.findForUser(returnId, shopper));
        assertEquals(Optional.empty(), returns.findForUser(returnId, "someone-else"));
    }

    @Test
    void theShoppersReturnsComeNewestFirstAPageAtATime() {
        String other = orders.shopper("pager", null, null);
        ShopOrders.Order first = orders.order(other, "COMPLETED", 1, null, null);
        ShopOrders.Order second = orders.order(other, "DELIVERED", 1, null, null);
        UUID older = orders.requestReturn(other, first, 1, "STYLE", "Not me");
        UUID newer = orders.requestReturn(other, second, 1, "QUALITY", null);

        Page<ReturnRecord> page = returns.listForUser(other, Pageable.from(0, 1));

        assertEquals(2, page.getTotalSize());
        assertEquals(List.of(newer), page.getContent().stream().map(ReturnRecord::id).toList());
        assertEquals(List.of(older), returns.listForUser(other, Pageable.from(1, 1)).getContent().stream()
                .map(ReturnRecord::id).toList());
        assertEquals("Not me", returns.findForUser(older, other).orElseThrow().comment());
    }

    @Test
    void analyticsSetWhatCameBackBesideWhatWasPredicted() {
        ShopOrders orders = new ShopOrders(catalog);
        String buyer = orders.shopper("analysed", null, null);
        Instant from = Instant.now().minusSeconds(60);
        ShopOrders.Order returned = orders.order(buyer, "DELIVERED", 2, new BigDecimal("0.7500"), "{}");
        orders.order(buyer, "DELIVERED", 2, new BigDecimal("0.2500"), "{}");
        orders.received(orders.requestReturn(buyer, returned, 1, "TOO_LARGE", null),
                "DAMAGED", new BigDecimal("40.00"));
        // Asked for and not sent back (yet): awaited, not returned.
        ShopOrders.Order asked = orders.order(buyer, "DELIVERED", 1, null, null);
        orders.requestReturn(buyer, asked, 1, "STYLE", null);
        Instant to = Instant.now().plusSeconds(60);

        ReturnAnalytics.Report report = analytics.report(from, to, ReturnAnalytics.GroupBy.PRODUCT);

        ReturnAnalytics.Group product = report.groups().stream()
                .filter(group -> group.key().equals(String.valueOf(orders.productId()))).findFirst().orElseThrow();
        assertEquals("ORDERS-" + orders.tag() + " Orders test dress", product.label());
        assertEquals(5, product.unitsSold());
        assertEquals(1, product.unitsReturned());
        assertEquals(1, product.unitsAwaitingReceipt());
        assertEquals(new BigDecimal("0.2000"), product.returnRate());
        assertEquals(new BigDecimal("0.5000"), product.meanPredictedProbability());
        assertEquals(2, product.linesScored());
        ReturnAnalytics.ModelCalibration model = report.modelCalibration().stream()
                .filter(calibration -> calibration.modelId().equals(orders.modelId())).findFirst().orElseThrow();
        assertEquals(List.of(2, 7), model.bins().stream().map(bin -> bin.from().movePointRight(1).intValue())
                .toList());
        // (0.75 - 1)² and (0.25 - 0)², over two lines.
        assertEquals(new BigDecimal("0.0625"), model.brierScore());
        assertTrue(report.calibration().stream().anyMatch(level -> level.level().equals("HIGH")));

        ReturnAnalytics.Report byReason = analytics.report(from, to, ReturnAnalytics.GroupBy.REASON);
        ReturnAnalytics.Group tooLarge = byReason.groups().stream().filter(group -> group.key().equals("TOO_LARGE"))
                .findFirst().orElseThrow();
        assertEquals(byReason.unitsSold(), tooLarge.unitsSold());
        assertEquals(1, tooLarge.linesReturned());
        // The money that moved, by the condition the warehouse found. Other tests' rows share the period.
        ReturnAnalytics.Condition damaged = report.conditions().stream()
                .filter(condition -> condition.condition().equals("DAMAGED")).findFirst().orElseThrow();
        assertTrue(damaged.unitsReturned() >= 1 && damaged.refunded().compareTo(new BigDecimal("40.00")) >= 0,
                damaged.toString());
        assertEquals("USD", damaged.currency());
        assertTrue(analytics.report(from, to, ReturnAnalytics.GroupBy.CATEGORY).groups().stream()
                .anyMatch(group -> group.key().equals("dresses") && group.label().equals("dresses")));
    }
}
