package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.PricedLine;
import com.styleshepherd.workflows.returnrisk.CategoryReturns;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ReturnHistory;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what the return-risk model needs from PostgreSQL, so the model itself needs no database. */
@Singleton
public class ReturnRiskData {

    private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);

    private final RiskSignalRepository signals;
    private final JsonColumns json;

    ReturnRiskData(RiskSignalRepository signals, JsonColumns json) {
        this.signals = signals;
        this.json = json;
    }

    @ReadOnly
    public ReturnRiskSignals collect(String shopperId, PricedCart cart) {
        Map<Long, ProductFit> fits = productFits(cart.lines().stream().map(PricedLine::productId).distinct()
                .toArray(Long[]::new));
        List<LineSignals> lines = new ArrayList<>();
        for (PricedLine line : cart.lines()) {
            ProductFit fit = fits.getOrDefault(line.productId(), ProductFit.NONE);
            lines.add(new LineSignals(line.lineNo(), line.productId(), line.name(), line.category(), line.size(), line.quantity(),
                    fit.sizes(), fit.cut(), line.unitPrice().doubleValue()));
        }
        List<String> categories = cart.lines().stream().map(PricedLine::category).distinct().toList();
        RiskSignalRepository.History history = signals.history(shopperId);
        return new ReturnRiskSignals(shopper(shopperId), new ReturnHistory(history.bought(), history.returned(),
                history.tooSmall(), history.tooLarge()), lines, categoryReturns(categories), shopperId);
    }

    /**
     * What size advice for one product needs: the shopper's body and usual sizes, the product's sizes and
     * cut. Empty when there is no such product.
     */
    @ReadOnly
    public Optional<FitQuestion> fitQuestion(String shopperId, long productId) {
        return signals.product(productId).map(product -> {
            ProductFit fit = productFits(new Long[] {productId}).getOrDefault(productId, ProductFit.NONE);
            return new FitQuestion(shopper(shopperId), new LineSignals(1, productId, product.name(), product.category(),
                    null, 1, fit.sizes(), fit.cut(), null));
        });
    }

    /** A shopper and one product, for size advice. */
    public record FitQuestion(ShopperFit shopper, LineSignals product) {
    }

    private ShopperFit shopper(String shopperId) {
        return signals.body(shopperId).map(body -> new ShopperFit(cm(body.heightCm()), cm(body.bustCm()),
                cm(body.chestCm()), cm(body.waistCm()), cm(body.hipsCm()), cm(body.inseamCm()),
                usualSizes(body.usualSizes()), cm(body.weightKg()))).orElse(ShopperFit.UNKNOWN);
    }

    private Map<String, CategoryReturns> categoryReturns(List<String> categories) {
        Map<String, CategoryReturns> byCategory = new HashMap<>();
        categories.forEach(category -> byCategory.put(category, new CategoryReturns(category, 0, 0)));
        for (RiskSignalRepository.CategoryCounts counts : signals.categoryCounts(categories.toArray(String[]::new))) {
            byCategory.put(counts.category(), new CategoryReturns(counts.category(), counts.sold(), counts.returned()));
        }
        return byCategory;
    }

    /** Each product's active sizes, smallest first, and its cut: one query for the whole cart. */
    private Map<Long, ProductFit> productFits(Long[] productIds) {
        Map<Long, ProductFit> fits = new HashMap<>();
        for (RiskSignalRepository.ProductSizes product : signals.productSizes(productIds)) {
            fits.put(product.id(), new ProductFit(json.read(product.sizes(), STRINGS), product.cut()));
        }
        return fits;
    }

    private Map<String, String> usualSizes(String stored) {
        Map<String, String> sizes = new HashMap<>();
        json.read(stored, Argument.mapOf(String.class, Object.class))
                .forEach((category, size) -> sizes.put(category, String.valueOf(size)));
        return sizes;
    }

    private static Double cm(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private record ProductFit(List<String> sizes, String cut) {
        static final ProductFit NONE = new ProductFit(List.of(), null);
    }
}
