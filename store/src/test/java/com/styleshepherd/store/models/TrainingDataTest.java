package com.styleshepherd.store.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.returns.ShopOrders;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The shop's training rows against a real PostgreSQL, read through repository projections. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingDataTest implements RealInfrastructure {

    @Inject
    TrainingData training;

    @Inject
    ProductCatalog catalog;

    private ShopOrders orders;
    private String kept;
    private String tooSmall;
    private String feature;

    @BeforeAll
    void setUp() {
        orders = new ShopOrders(catalog);
        feature = "feature-" + orders.tag();
        kept = orders.shopper("kept", new BigDecimal("61.7"), null);
        tooSmall = orders.shopper("small", new BigDecimal("70.3"), new BigDecimal("172.5"));
        orders.order(kept, "DELIVERED", 1, new BigDecimal("0.2000"), "{\"" + feature + "\": 1, \"other\": 2.5}");
        ShopOrders.Order returned = orders.order(tooSmall, "COMPLETED", 1, new BigDecimal("0.6000"),
                "{\"" + feature + "\": 0.125}");
        orders.received(orders.requestReturn(tooSmall, returned, 1, "TOO_SMALL", null),
                "RESELLABLE", new BigDecimal("40.00"));
        // No outcome yet: in no training rows.
        orders.order(kept, "SHIPPED", 1, new BigDecimal("0.9000"), "{\"" + feature + "\": 9}");
    }

    @Test
    void sizeRowsAreTheSizesKeptWithTheBodyThatKeptThem() {
        List<TrainingData.SizeRow> rows = training.sizeRows().stream()
                .filter(row -> Set.of(61.7, 70.3).contains(row.weightKg())).toList();
        assertEquals(List.of(new TrainingData.SizeRow(61.7, Double.NaN, "M")), rows, "NaN: no height given");
    }

    @Test
    void fitRowsSayWhetherAPurchaseFitted() {
        List<TrainingData.FitRow> rows = training.fitRows().stream()
                .filter(row -> Set.of(kept, tooSmall).contains(row.userId())).toList();
        assertEquals(List.of(new TrainingData.FitRow(kept, orders.productId(), "M", "dresses", "fit"),
                new TrainingData.FitRow(tooSmall, orders.productId(), "M", "dresses", "small")),
                rows.stream().sorted((a, b) -> a.fit().compareTo(b.fit())).toList());
    }

    @Test
    void returnRowsCarryTheFeaturesStoredAtCheckout() {
        List<TrainingData.ReturnRow> rows = training.returnRows(List.of(feature)).stream()
                .filter(row -> row.features().containsKey(feature)).toList();
        assertEquals(List.of(new TrainingData.ReturnRow(Map.of(feature, 0.125), true)), rows,
                "the delivered line's window is open: it has no outcome yet");
        assertEquals(Double.class, rows.get(0).features().get(feature).getClass());
    }

    @Test
    void returnRowsAreLabelledWithWhatCameBackNotWithWhatWasAskedFor() {
        String label = "label-" + orders.tag();
        String shopper = orders.shopper("labels", null, null);
        // Kept through a closed window; asked to return but never sent back; received damaged; received unreturnable;
        // received while the window is still open.
        orders.order(shopper, "COMPLETED", 1, new BigDecimal("0.1"), "{\"" + label + "\": 1, \"other\": 1}");
        ShopOrders.Order neverSent = orders.order(shopper, "COMPLETED", 1, new BigDecimal("0.2"),
                "{\"" + label + "\": 2, \"other\": 1}");
        orders.requestReturn(shopper, neverSent, 1, "STYLE", null);
        for (String condition : List.of("DAMAGED", "UNRETURNABLE")) {
            ShopOrders.Order back = orders.order(shopper, "COMPLETED", 1, new BigDecimal("0.3"),
                    "{\"" + label + "\": 3, \"other\": 1}");
            orders.received(orders.requestReturn(shopper, back, 1, "QUALITY", null), condition,
                    condition.equals("DAMAGED") ? new BigDecimal("40.00") : null);
        }
        ShopOrders.Order early = orders.order(shopper, "DELIVERED", 1, new BigDecimal("0.4"),
                "{\"" + label + "\": 4}");
        orders.received(orders.requestReturn(shopper, early, 1, "OTHER", null),
                "RESELLABLE", new BigDecimal("40.00"));

        Map<Double, Long> returnedByFeature = new TreeMap<>();
        Map<Double, Long> keptByFeature = new TreeMap<>();
        for (TrainingData.ReturnRow row : training.returnRows(List.of(label))) {
            if (row.features().containsKey(label)) {
                (row.returned() ? returnedByFeature : keptByFeature).merge(row.features().get(label), 1L, Long::sum);
            }
        }
        assertEquals(Map.of(1.0, 1L, 2.0, 1L), keptByFeature, "kept, and asked for but never sent back");
        assertEquals(Map.of(3.0, 2L, 4.0, 1L), returnedByFeature, "received, in any condition");
        assertEquals(4, training.returnRows(List.of(label, "other")).stream()
                .filter(row -> row.features().containsKey(label)).count(), "every one of the required features");
    }
}
