package com.styleshepherd.store.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.returns.ReturnBook;
import com.styleshepherd.store.returns.ShopOrders;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    ReturnBook returns;

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
        returns.request(tooSmall, returned.id(), returned.lineId(), null, "TOO_SMALL", null);
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
        List<TrainingData.ReturnRow> both = training.returnRows(List.of(feature)).stream()
                .filter(row -> row.features().containsKey(feature)).toList();
        assertEquals(Set.of(new TrainingData.ReturnRow(Map.of(feature, 1.0, "other", 2.5), false),
                new TrainingData.ReturnRow(Map.of(feature, 0.125), true)), Set.copyOf(both));
        assertEquals(Double.class, both.get(0).features().get(feature).getClass());
        assertEquals(List.of(new TrainingData.ReturnRow(Map.of(feature, 1.0, "other", 2.5), false)),
                training.returnRows(List.of(feature, "other")).stream()
                        .filter(row -> row.features().containsKey(feature)).toList());
    }
}
