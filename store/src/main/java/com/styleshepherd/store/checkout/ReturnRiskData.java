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
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what the return-risk model needs from PostgreSQL, so the model itself needs no database. */
@Singleton
public class ReturnRiskData {

    private final JdbcOperations jdbc;
    private final JsonColumns json;

    ReturnRiskData(JdbcOperations jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @ReadOnly
    public ReturnRiskSignals collect(String shopperId, PricedCart cart) {
        Map<Long, ProductFit> fits = productFits(cart.lines().stream().mapToLong(PricedLine::productId).distinct().toArray());
        List<LineSignals> lines = new ArrayList<>();
        for (PricedLine line : cart.lines()) {
            ProductFit fit = fits.getOrDefault(line.productId(), new ProductFit(List.of(), null));
            lines.add(new LineSignals(line.lineNo(), line.productId(), line.name(), line.category(), line.size(), line.quantity(),
                    fit.sizes(), fit.cut(), line.unitPrice().doubleValue()));
        }
        List<String> categories = cart.lines().stream().map(PricedLine::category).distinct().toList();
        return new ReturnRiskSignals(shopper(shopperId), history(shopperId), lines, categoryReturns(categories),
                shopperId);
    }

    /**
     * What size advice for one product needs: the shopper's body and usual sizes, the product's sizes and
     * cut. Empty when there is no such product.
     */
    @ReadOnly
    public java.util.Optional<FitQuestion> fitQuestion(String shopperId, long productId) {
        return jdbc.prepareStatement("SELECT name, category FROM products WHERE id = ?", statement -> {
            statement.setLong(1, productId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return java.util.Optional.<FitQuestion>empty();
                }
                ProductFit fit = productFits(new long[] {productId}).getOrDefault(productId, new ProductFit(List.of(), null));
                return java.util.Optional.of(new FitQuestion(shopper(shopperId), new LineSignals(1, productId,
                        rows.getString("name"), rows.getString("category"), null, 1, fit.sizes(), fit.cut(), null)));
            }
        });
    }

    /** A shopper and one product, for size advice. */
    public record FitQuestion(ShopperFit shopper, LineSignals product) {
    }

    private ShopperFit shopper(String shopperId) {
        return jdbc.prepareStatement("""
                SELECT height_cm, weight_kg, bust_cm, chest_cm, waist_cm, hips_cm, inseam_cm, usual_sizes::text AS usual_sizes
                FROM profiles WHERE user_id = ?
                """, statement -> {
            statement.setString(1, shopperId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return ShopperFit.UNKNOWN;
                }
                return new ShopperFit(cm(rows.getBigDecimal("height_cm")), cm(rows.getBigDecimal("bust_cm")),
                        cm(rows.getBigDecimal("chest_cm")), cm(rows.getBigDecimal("waist_cm")),
                        cm(rows.getBigDecimal("hips_cm")), cm(rows.getBigDecimal("inseam_cm")),
                        usualSizes(rows.getString("usual_sizes")), cm(rows.getBigDecimal("weight_kg")));
            }
        });
    }

    private ReturnHistory history(String shopperId) {
        return jdbc.prepareStatement("""
                SELECT (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
                        WHERE o.user_id = ?) AS bought,
                       coalesce(sum(r.quantity), 0) AS returned,
                       coalesce(sum(r.quantity) FILTER (WHERE r.reason = 'TOO_SMALL'), 0) AS too_small,
                       coalesce(sum(r.quantity) FILTER (WHERE r.reason = 'TOO_LARGE'), 0) AS too_large
                FROM returns r WHERE r.user_id = ?
                """, statement -> {
            statement.setString(1, shopperId);
            statement.setString(2, shopperId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new ReturnHistory(rows.getLong("bought"), rows.getLong("returned"), rows.getLong("too_small"),
                        rows.getLong("too_large"));
            }
        });
    }

    private Map<String, CategoryReturns> categoryReturns(List<String> categories) {
        return jdbc.prepareStatement("""
                SELECT l.category, sum(l.quantity) AS sold, coalesce(sum(r.quantity), 0) AS returned
                FROM order_lines l LEFT JOIN returns r ON r.order_line_id = l.id
                WHERE l.category = ANY (?)
                GROUP BY l.category
                """, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("varchar", categories.toArray()));
            Map<String, CategoryReturns> byCategory = new HashMap<>();
            categories.forEach(category -> byCategory.put(category, new CategoryReturns(category, 0, 0)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String category = rows.getString("category");
                    byCategory.put(category, new CategoryReturns(category, rows.getLong("sold"), rows.getLong("returned")));
                }
            }
            return byCategory;
        });
    }

    /** Each product's active sizes, smallest first, and its cut: one query for the whole cart. */
    private Map<Long, ProductFit> productFits(long[] productIds) {
        return jdbc.prepareStatement("""
                SELECT p.id, p.attributes ->> 'fit' AS cut, array_agg(s.size ORDER BY s.position) AS sizes
                FROM products p JOIN product_sizes s ON s.product_id = p.id AND s.active
                WHERE p.id = ANY (?) GROUP BY p.id
                """, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("bigint",
                    Arrays.stream(productIds).boxed().toArray()));
            Map<Long, ProductFit> fits = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    fits.put(rows.getLong("id"), new ProductFit(List.of((String[]) rows.getArray("sizes").getArray()),
                            rows.getString("cut")));
                }
            }
            return fits;
        });
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
    }
}
