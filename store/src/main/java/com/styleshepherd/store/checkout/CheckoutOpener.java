package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.PricedLine;
import com.styleshepherd.workflows.checkout.Purchase;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place a checkout is opened, for {@code POST /api/checkouts} and for a conversation's "buy it": the
 * idempotency key decides whether it exists already; otherwise the cart is priced from the catalog and the
 * stock checked before anything is recorded, and the row is opened once per key, however often or
 * concurrently the caller retries. Starting the workflow is the caller's next step; a row whose workflow
 * never started is started by the stock-hold sweep ({@code StockHoldActivities#startOrphanedCheckouts}).
 */
@Singleton
public class CheckoutOpener {

    private final CheckoutStore checkouts;
    private final CartPricing pricing;
    private final StockReservations stock;

    CheckoutOpener(CheckoutStore checkouts, CartPricing pricing, StockReservations stock) {
        this.checkouts = checkouts;
        this.pricing = pricing;
        this.stock = stock;
    }

    /** What opening gave. */
    public sealed interface Outcome {
    }

    /**
     * The checkout, opened now ({@code created}) or earlier with this key: compare
     * {@link CheckoutRecord#requestHash()} with the request's, a key reused for another request is the
     * caller's mistake. {@code cart} is the cart as priced now, for the workflow's input
     * ({@link CheckoutRecord#toRequest}); null for one found by its key (its totals are on the row).
     */
    public record Opened(CheckoutRecord checkout, boolean created, PricedCart cart) implements Outcome {
    }

    /** Line {@code itemIndex} (0-based) names a product or size that is not sold. */
    public record Unavailable(int itemIndex, String field, String message) implements Outcome {
    }

    /** Line {@code lineNumber} (1-based) is short of stock: nothing was recorded. */
    public record OutOfStock(int lineNumber, PricedLine line, PricedCart cart) implements Outcome {
    }

    /**
     * Opens the checkout {@code userId} asks for under {@code idempotencyKey} (already scoped to the
     * shopper), or finds the one this key opened before.
     */
    public Outcome open(String userId, String idempotencyKey, Purchase request) {
        Optional<CheckoutRecord> existing = checkouts.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent()) {
            return new Opened(existing.get(), false, null);
        }
        PricedCart cart;
        try {
            cart = pricing.price(request.items());
        } catch (ProductUnavailableException unavailable) {
            return new Unavailable(unavailable.itemIndex(), unavailable.field(), unavailable.getMessage());
        }
        Optional<Integer> shortLine = stock.firstShortLine(cart.lines());
        if (shortLine.isPresent()) {
            return new OutOfStock(shortLine.get(), cart.lines().get(shortLine.get() - 1), cart);
        }
        CheckoutStore.Opening opening = checkouts.open(new NewCheckout(UUID.randomUUID(), userId, idempotencyKey,
                request.hash(userId), CheckoutWorkflow.workflowId(idempotencyKey), request, cart));
        // Not created: another request with this key won the race, and this is its checkout.
        return new Opened(opening.checkout(), opening.created(), opening.created() ? cart : null);
    }
}
