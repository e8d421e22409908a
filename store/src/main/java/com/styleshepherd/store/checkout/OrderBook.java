package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.events.EventType;
import com.styleshepherd.store.events.Outbox;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders: created once per checkout by the checkout workflow, read by their shopper and ops. What happens to
 * an order afterwards is its order workflow's to write ({@code store.orders.OrderLifecycle}).
 */
@Singleton
public class OrderBook {

    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final StockReservations stock;
    private final JsonColumns json;
    private final Outbox outbox;

    OrderBook(OrderRepository orders, OrderLineRepository lines, StockReservations stock, JsonColumns json,
            Outbox outbox) {
        this.orders = orders;
        this.lines = lines;
        this.stock = stock;
        this.json = json;
        this.outbox = outbox;
    }

    /**
     * Creates the checkout's order and its lines, turns its stock holds into sales and marks it
     * COMPLETED, all in one transaction, with its {@code OrderPlaced} event. Once per checkout: a second call
     * returns the first order (and writes no second event).
     * Throws {@link OutOfStockException} (changing nothing) only when a hold had expired and its units
     * were sold to someone else meanwhile.
     */
    @Transactional
    public UUID place(UUID checkoutId, String userId, PricedCart cart, ShippingAddress address) {
        stock.lockCheckout(checkoutId);
        Optional<UUID> existing = orders.findIdByCheckoutId(checkoutId);
        if (existing.isPresent()) {
            return existing.get();
        }
        stock.sell(checkoutId, cart.lines());
        UUID orderId = UUID.randomUUID();
        orders.save(new OrderRepository.OrderRow(orderId, checkoutId, userId, "PLACED", cart.subtotal(), cart.total(),
                cart.currency(), address));
        List<OrderLineRepository.OrderLineRow> rows = cart.lines().stream().map(line -> new OrderLineRepository.OrderLineRow(
                UUID.randomUUID(), orderId, (short) line.lineNo(), line.productId(), line.productSizeId(), line.sku(),
                line.name(), line.category(), line.size(), line.quantity(), line.unitPrice(), line.lineTotal(),
                cart.currency())).toList();
        lines.saveAll(rows);
        orders.completeCheckout(checkoutId);
        outbox.append(EventType.ORDER_PLACED, orderId, orderPlaced(orderId, checkoutId, userId, cart, rows));
        return orderId;
    }

    private static Map<String, Object> orderPlaced(UUID orderId, UUID checkoutId, String userId, PricedCart cart,
            List<OrderLineRepository.OrderLineRow> rows) {
        Map<String, Object> data = new HashMap<>();
        data.put("orderId", orderId.toString());
        data.put("checkoutId", checkoutId.toString());
        data.put("userId", userId);
        data.put("currency", cart.currency());
        data.put("subtotal", cart.subtotal().toPlainString());
        data.put("total", cart.total().toPlainString());
        data.put("lines", rows.stream().map(line -> Map.of(
                "lineId", line.id().toString(), "productId", line.productId(), "productSizeId", line.productSizeId(),
                "sku", line.sku(), "size", line.size(), "quantity", line.quantity(),
                "unitPrice", line.unitPrice().toPlainString(), "lineTotal", line.lineTotal().toPlainString())).toList());
        return data;
    }

    /** The shopper's orders, newest first; only those in {@code status} when it is given. */
    @ReadOnly
    public Page<OrderRecord> listForUser(String userId, @Nullable String status, Pageable pageable) {
        Page<OrderRepository.OrderView> page = orders.listForUser(userId, status, pageable);
        return Page.of(withLines(page.getContent()), pageable, page.getTotalSize());
    }

    /** The order if it belongs to the shopper; empty for anyone else's. */
    @ReadOnly
    public Optional<OrderRecord> findForUser(UUID orderId, String userId) {
        return withLines(orders.findForUser(orderId, userId).stream().toList()).stream().findFirst();
    }

    /** Any order, for ops (their reads and the order workflow's updates). */
    @ReadOnly
    public Optional<OrderRecord> find(UUID orderId) {
        return withLines(orders.findView(orderId).stream().toList()).stream().findFirst();
    }

    /** How many orders exist for a checkout (0 or 1; for tests and ops checks). */
    @ReadOnly
    public int countForCheckout(UUID checkoutId) {
        return orders.countByCheckoutId(checkoutId);
    }

    private List<OrderRecord> withLines(List<OrderRepository.OrderView> views) {
        if (views.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<OrderLineRecord>> byOrder = new LinkedHashMap<>();
        for (OrderLineRepository.OrderLineRow line
                : lines.findByOrderIds(views.stream().map(view -> view.id().toString()).toArray(String[]::new))) {
            byOrder.computeIfAbsent(line.orderId(), id -> new ArrayList<>()).add(line.toRecord());
        }
        return views.stream().map(view -> new OrderRecord(view.id(), view.checkoutId(), view.userId(), view.status(),
                view.paymentStatus(), view.subtotal(), view.total(), view.refundedAmount(), view.currency(),
                json.read(view.shippingAddress(), ShippingAddress.class), byOrder.getOrDefault(view.id(), List.of()),
                view.createdAt())).toList();
    }
}
