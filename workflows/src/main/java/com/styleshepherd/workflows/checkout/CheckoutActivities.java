package com.styleshepherd.workflows.checkout;

import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import io.temporal.activity.ActivityInterface;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The checkout's steps against PostgreSQL and Valkey (task queue {@code checkout}). Every method is
 * idempotent: Temporal runs an activity at least once, so a retry finds the work already done. The
 * checkout's status on the {@code checkouts} row is the workflow's: written through {@link #beginRun},
 * {@link #recordStatus} and the endings ({@link #placeOrder}, {@link #closeCheckout}).
 */
@ActivityInterface
public interface CheckoutActivities {

    /**
     * Records on the checkout's row that run {@code firstRunId} (the run chain's first run id) is under way:
     * status PENDING, no failure reason, and one more run when it follows another. Does nothing for a
     * completed checkout or a run already recorded.
     */
    void beginRun(UUID checkoutId, String firstRunId);

    /**
     * Prices the cart from the catalog and records the totals on the row. Throws
     * {@link CheckoutFailures#PRODUCT_UNAVAILABLE}.
     */
    PricedCart priceCart(CheckoutRequest request);

    /** Reads what the return-risk model needs: the shopper's measurements and history, category rates. */
    ReturnRiskSignals collectReturnRiskSignals(UUID checkoutId, String shopperId, PricedCart cart);

    /** Stores the model's prediction per line and for the basket; status RISK_REVIEWED. */
    void recordReturnRisk(UUID checkoutId, ReturnRiskAssessment assessment);

    /**
     * Takes the cart's units out of stock, all or nothing, held until {@code hold} from now; status
     * STOCK_RESERVED. Throws {@link CheckoutFailures#OUT_OF_STOCK}.
     */
    void reserveStock(UUID checkoutId, List<PricedLine> lines, Duration hold);

    /** Pushes the hold's expiry to {@code hold} from now (while the shopper fixes a payment). */
    void extendStockHold(UUID checkoutId, Duration hold);

    /** Compensation: returns held units to stock. Does nothing for units already sold or released. */
    void releaseStock(UUID checkoutId);

    /**
     * Creates the order and its lines in one transaction, once per checkout, turns the hold into a
     * sale, and drops the shopper's cached recommendations; status COMPLETED. Throws
     * {@link CheckoutFailures#OUT_OF_STOCK} only if the hold had expired and the units are gone.
     */
    OrderPlaced placeOrder(UUID checkoutId, String shopperId, PricedCart cart);

    /** Records how a checkout that did not complete ended. */
    void closeCheckout(UUID checkoutId, CheckoutStatus status, FailureReason reason);

    /**
     * Mirrors the workflow's status on the checkout's row, for lists and the shopper's reads: the only
     * writer of a running checkout's status. A checkout that has ended keeps its ending.
     */
    void recordStatus(UUID checkoutId, CheckoutStatus status);
}
