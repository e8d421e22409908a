package com.styleshepherd.bench;

import com.styleshepherd.bench.FaultLoad.Answer;
import com.styleshepherd.bench.FaultLoad.Intent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What one fault did to the shop's data, read straight from PostgreSQL and from the Stripe fake once the
 * load has drained: every purchase must have reached a final state, none may be charged twice, charged
 * without its order or ordered without its charge, and no product may sell more units than it had.
 *
 * @param checkouts the fault's checkouts by final status ({@code CANCELLED/OUT_OF_STOCK} with its reason)
 * @param outOfStockAtOpening purchases the api answered 409 when they were opened (nothing reserved)
 * @param unanswered purchases the api never answered 202 or 409, though the shopper kept retrying
 * @param stuck checkouts not in a final state when the drain ended
 * @param vanished accepted checkouts (202) that the database does not have
 * @param refused purchases the api refused with another 4xx
 * @param failed checkouts that ended FAILED, or CANCELLED for another reason than stock
 * @param doubleCharges checkouts with more than one succeeded payment (database) or charge (provider)
 * @param chargedWithoutOrder checkouts the provider charged that have no order
 * @param orderedWithoutCharge orders whose checkout the provider did not charge
 * @param oversold units sold beyond a size's stock, or missing from it (stock + held + sold is not the
 *     initial stock)
 * @param heldAfterEnd units still held by checkouts that ended
 * @param examples a few ids behind the figures that must be zero
 */
record FaultChecks(Map<String, Integer> checkouts, int outOfStockAtOpening, int unanswered, int stuck, int vanished,
        int refused, int failed, int doubleCharges, int chargedWithoutOrder, int orderedWithoutCharge, int oversold,
        int heldAfterEnd, List<String> examples) {

    private static final Set<String> FINAL = Set.of("COMPLETED", "CANCELLED", "FAILED");

    /** Work lost: purchases without an answer, checkouts without an end, accepted ones without a row. */
    int lost() {
        return unanswered + stuck + vanished;
    }

    /** Whether everything that must be zero is. */
    boolean clean() {
        return lost() == 0 && refused == 0 && failed == 0 && doubleCharges == 0 && chargedWithoutOrder == 0
                && orderedWithoutCharge == 0 && oversold == 0 && heldAfterEnd == 0;
    }

    private record Row(String id, String status, String reason, int orders, int paid) {
    }

    /**
     * Waits (up to {@code limit}) until every checkout whose idempotency key starts with {@code keyPrefix} has
     * ended, then checks the fault's purchases against the database and the provider, and every product's
     * stock ({@code initialStock}: product size id to the units it was created with).
     */
    static FaultChecks after(FaultTopology shop, String keyPrefix, List<Intent> intents,
            Map<Long, Integer> initialStock, Duration limit) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Row> rows = rows(shop, keyPrefix);
        while (System.nanoTime() < deadline && rows.stream().anyMatch(row -> !FINAL.contains(row.status()))) {
            Thread.sleep(1_000);
            rows = rows(shop, keyPrefix);
        }
        List<String> examples = new ArrayList<>();
        Map<String, Row> byId = rows.stream().collect(Collectors.toMap(Row::id, row -> row));
        Map<String, Integer> statuses = new TreeMap<>();
        rows.forEach(row -> statuses.merge(row.status() + (row.reason() == null ? "" : "/" + row.reason()), 1,
                Integer::sum));
        int unanswered = count(intents, intent -> intent.answer == Answer.UNANSWERED,
                intent -> "unanswered " + intent.key, examples);
        int refused = count(intents, intent -> intent.answer == Answer.REFUSED, intent -> "refused " + intent.key,
                examples);
        int outOfStock = (int) intents.stream().filter(intent -> intent.answer == Answer.OUT_OF_STOCK).count();
        int vanished = count(intents,
                intent -> intent.answer == Answer.ACCEPTED && !byId.containsKey(intent.checkoutId),
                intent -> "no row for accepted " + intent.checkoutId, examples);
        int stuck = count(rows, row -> !FINAL.contains(row.status()), row -> "stuck " + row.id() + " " + row.status(),
                examples);
        int failed = count(rows, row -> row.status().equals("FAILED")
                        || (row.status().equals("CANCELLED") && !"OUT_OF_STOCK".equals(row.reason())),
                row -> "ended " + row.id() + " " + row.status() + "/" + row.reason(), examples);

        Map<String, Integer> charges = new HashMap<>();
        shop.stripe().intents().stream().filter(FakeStripe.Intent::charged)
                .forEach(intent -> charges.merge(intent.checkoutId(), 1, Integer::sum));
        int doubleCharges = count(rows, row -> row.paid() > 1 || charges.getOrDefault(row.id(), 0) > 1,
                row -> "charged twice " + row.id() + " (payments " + row.paid() + ", provider "
                        + charges.getOrDefault(row.id(), 0) + ")", examples);
        int chargedWithoutOrder = count(rows, row -> charges.containsKey(row.id()) && row.orders() == 0,
                row -> "charged without order " + row.id() + " " + row.status(), examples);
        int orderedWithoutCharge = count(rows, row -> row.orders() > 0 && !charges.containsKey(row.id()),
                row -> "order without charge " + row.id(), examples);
        int[] stock = stock(shop, initialStock, examples);
        return new FaultChecks(statuses, outOfStock, unanswered, stuck, vanished, refused, failed, doubleCharges,
                chargedWithoutOrder, orderedWithoutCharge, stock[0], stock[1], List.copyOf(examples));
    }

    private static List<Row> rows(FaultTopology shop, String keyPrefix) throws SQLException {
        try (Connection db = shop.database();
             PreparedStatement query = db.prepareStatement("""
                     SELECT c.id, c.status, c.failure_reason,
                            (SELECT count(*) FROM orders o WHERE o.checkout_id = c.id) AS orders,
                            (SELECT count(*) FROM payments p
                             WHERE p.checkout_id = c.id AND p.status = 'SUCCEEDED') AS paid
                     FROM checkouts c WHERE c.workflow_id LIKE ?""")) {
            query.setString(1, "checkout-%." + keyPrefix + "%");
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getInt(4),
                            result.getInt(5)));
                }
            }
            return rows;
        }
    }

    /** Units oversold or gone missing, and units held by checkouts that ended, over every size created. */
    private static int[] stock(FaultTopology shop, Map<Long, Integer> initialStock, List<String> examples)
            throws SQLException {
        int oversold = 0;
        int held = 0;
        try (Connection db = shop.database();
             PreparedStatement query = db.prepareStatement("""
                     SELECT ps.id, ps.stock,
                            coalesce((SELECT sum(r.quantity) FROM stock_reservations r
                                      WHERE r.product_size_id = ps.id AND r.status = 'HELD'), 0) AS held,
                            coalesce((SELECT sum(r.quantity) FROM stock_reservations r
                                      JOIN checkouts c ON c.id = r.checkout_id
                                      WHERE r.product_size_id = ps.id AND r.status = 'HELD'
                                        AND c.status IN ('COMPLETED', 'CANCELLED', 'FAILED')), 0) AS held_after_end,
                            coalesce((SELECT sum(r.quantity) FROM stock_reservations r
                                      WHERE r.product_size_id = ps.id AND r.status = 'SOLD'), 0) AS reserved_sold,
                            coalesce((SELECT sum(l.quantity) FROM order_lines l
                                      WHERE l.product_size_id = ps.id), 0) AS sold
                     FROM product_sizes ps WHERE ps.id = ?""")) {
            for (Map.Entry<Long, Integer> size : initialStock.entrySet()) {
                query.setLong(1, size.getKey());
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    int initial = size.getValue();
                    int left = result.getInt(2);
                    int sold = result.getInt(6);
                    int accounted = left + result.getInt(3) + result.getInt(5);
                    int over = Math.max(0, sold - initial) + Math.abs(initial - accounted) + Math.max(0, -left);
                    if (over > 0) {
                        examples.add("size " + size.getKey() + ": initial " + initial + ", in stock " + left + ", held "
                                + result.getInt(3) + ", sold " + sold);
                    }
                    oversold += over;
                    held += result.getInt(4);
                }
            }
        }
        return new int[] {oversold, held};
    }

    private static <T> int count(List<T> items, Predicate<T> wrong, Function<T, String> example,
            List<String> examples) {
        int count = 0;
        for (T item : items) {
            if (wrong.test(item)) {
                count++;
                if (examples.size() < 20) {
                    examples.add(example.apply(item));
                }
            }
        }
        return count;
    }
}
