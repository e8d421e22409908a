package com.styleshepherd.store.checkout;

import com.styleshepherd.store.events.StockEvents;
import com.styleshepherd.workflows.checkout.PricedLine;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stock held for checkouts. Units leave {@code product_sizes.stock} when a hold is taken and come
 * back when it is released or expires; {@code stock >= 0} is a constraint, and every decrement is
 * conditional on enough stock, so nothing is ever oversold, however many checkouts race.
 *
 * <p>Each method locks the checkout's row first: the steps of one checkout never interleave, even when
 * Temporal runs a retried activity while an earlier attempt is still finishing.
 */
@Singleton
public class StockReservations {

    private final StockRepository stock;
    private final StockEvents events;

    StockReservations(StockRepository stock, StockEvents events) {
        this.stock = stock;
        this.events = events;
    }

    /**
     * Holds every line's units until {@code hold} from now, all or nothing; the checkout becomes
     * STOCK_RESERVED. Lines already held or sold for this checkout are left as they are, so running it
     * again is harmless. Throws {@link OutOfStockException} and changes nothing when a line cannot be met.
     */
    @Transactional
    public void reserve(UUID checkoutId, List<PricedLine> lines, Duration hold) {
        lockCheckout(checkoutId);
        // A fixed order of row locks: two carts sharing sizes cannot deadlock.
        for (PricedLine line : bySize(lines)) {
            String held = stock.findStatus(checkoutId, line.productSizeId()).orElse(null);
            if ("HELD".equals(held) || "SOLD".equals(held)) {
                continue;
            }
            take(line);
            stock.upsert(UUID.randomUUID(), checkoutId, line.productSizeId(), line.quantity(), "HELD", hold.toMillis());
            events.reserved(checkoutId, line.productSizeId(), line.quantity());
        }
    }

    /**
     * The first line whose size has fewer units in stock than it asks for right now, if any. A hint for
     * answering early: only {@link #reserve} decides, atomically.
     */
    @ReadOnly
    public Optional<Integer> firstShortLine(List<PricedLine> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        // One query for the whole cart: each line's size id and quantity, joined to the stock.
        return Optional.ofNullable(stock.firstShortLine(
                lines.stream().map(PricedLine::lineNo).toArray(Integer[]::new),
                lines.stream().map(PricedLine::productSizeId).toArray(Long[]::new),
                lines.stream().map(PricedLine::quantity).toArray(Integer[]::new)));
    }

    /** Moves the expiry of the checkout's holds to at least {@code hold} from now. */
    @Transactional
    public void extend(UUID checkoutId, Duration hold) {
        lockCheckout(checkoutId);
        stock.extend(checkoutId, hold.toMillis());
    }

    /** Returns the checkout's held units to stock; units already released, expired or sold are untouched. */
    @Transactional
    public int release(UUID checkoutId) {
        lockCheckout(checkoutId);
        List<StockRepository.Held> held = stock.findHeld(checkoutId);
        int released = stock.release(checkoutId);
        held.forEach(hold -> events.released(StockEvents.Cause.CHECKOUT_RELEASED, checkoutId, hold.productSizeId(),
                hold.quantity()));
        return released;
    }

    /**
     * Returns holds that outlived their expiry to stock, oldest first, at most {@code limit} at a time.
     * Several workers may sweep at once: each skips the rows another is handling.
     *
     * @return how many holds expired
     */
    @Transactional
    public int expireOverdue(int limit) {
        List<StockRepository.Expired> expired = stock.expireOverdue(limit);
        expired.forEach(hold -> events.released(StockEvents.Cause.HOLD_EXPIRED, hold.checkoutId(), hold.productSizeId(),
                hold.quantity()));
        return expired.size();
    }

    /**
     * Turns the checkout's holds into sales. A line whose hold was released or expired takes its units
     * from stock again, or throws {@link OutOfStockException}. Call inside the order's transaction.
     */
    void sell(UUID checkoutId, List<PricedLine> lines) {
        for (PricedLine line : bySize(lines)) {
            if (stock.sell(checkoutId, line.productSizeId()) == 1) {
                continue;
            }
            take(line);
            stock.upsert(UUID.randomUUID(), checkoutId, line.productSizeId(), line.quantity(), "SOLD", 0);
            events.taken(line.productSizeId());
        }
    }

    /** Locks the checkout's row for the rest of the transaction. */
    void lockCheckout(UUID checkoutId) {
        if (stock.lockCheckout(checkoutId).isEmpty()) {
            throw new IllegalStateException("No checkout " + checkoutId);
        }
    }

    private void take(PricedLine line) {
        if (stock.take(line.productSizeId(), line.quantity()) == 0) {
            throw new OutOfStockException(line.lineNo(), line.sku(), line.size(), line.quantity());
        }
    }

    private static List<PricedLine> bySize(List<PricedLine> lines) {
        return lines.stream().sorted(Comparator.comparingLong(PricedLine::productSizeId)).toList();
    }
}
