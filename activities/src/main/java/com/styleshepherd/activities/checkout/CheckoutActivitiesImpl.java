package com.styleshepherd.activities.checkout;

import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.checkout.CartPricing;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OutOfStockException;
import com.styleshepherd.store.checkout.ProductUnavailableException;
import com.styleshepherd.store.checkout.ReturnPredictions;
import com.styleshepherd.store.checkout.ReturnRiskData;
import com.styleshepherd.store.checkout.StockReservations;
import com.styleshepherd.workflows.checkout.CheckoutActivities;
import com.styleshepherd.workflows.checkout.CheckoutFailures;
import com.styleshepherd.workflows.checkout.CheckoutRequest;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.FailureReason;
import com.styleshepherd.workflows.checkout.OrderPlaced;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.PricedLine;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checkout's steps against PostgreSQL and Valkey; see {@link CheckoutActivities}. */
@Singleton
public class CheckoutActivitiesImpl implements CheckoutActivities {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutActivitiesImpl.class);

    private final CartPricing pricing;
    private final ReturnRiskData riskData;
    private final ReturnPredictions predictions;
    private final StockReservations stock;
    private final OrderBook orders;
    private final CheckoutStore checkouts;
    private final TaggedCache cache;

    CheckoutActivitiesImpl(CartPricing pricing, ReturnRiskData riskData, ReturnPredictions predictions,
            StockReservations stock, OrderBook orders, CheckoutStore checkouts, TaggedCache cache) {
        this.pricing = pricing;
        this.riskData = riskData;
        this.predictions = predictions;
        this.stock = stock;
        this.orders = orders;
        this.checkouts = checkouts;
        this.cache = cache;
    }

    @Override
    public void beginRun(UUID checkoutId, String firstRunId) {
        checkouts.beginRun(checkoutId, firstRunId);
    }

    @Override
    public PricedCart priceCart(CheckoutRequest request) {
        try {
            PricedCart cart = pricing.price(request.purchase().items());
            checkouts.priced(request.checkoutId(), cart);
            return cart;
        } catch (ProductUnavailableException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), CheckoutFailures.PRODUCT_UNAVAILABLE);
        }
    }

    @Override
    public ReturnRiskSignals collectReturnRiskSignals(UUID checkoutId, String shopperId, PricedCart cart) {
        return riskData.collect(shopperId, cart);
    }

    @Override
    public void recordReturnRisk(UUID checkoutId, ReturnRiskAssessment assessment) {
        predictions.record(checkoutId, assessment);
    }

    @Override
    public void reserveStock(UUID checkoutId, List<PricedLine> lines, Duration hold) {
        try {
            stock.reserve(checkoutId, lines, hold);
        } catch (OutOfStockException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), CheckoutFailures.OUT_OF_STOCK, e.lineNo());
        }
    }

    @Override
    public void extendStockHold(UUID checkoutId, Duration hold) {
        stock.extend(checkoutId, hold);
    }

    @Override
    public void releaseStock(UUID checkoutId) {
        int released = stock.release(checkoutId);
        LOG.info("Released {} held sizes", released);
    }

    @Override
    public OrderPlaced placeOrder(UUID checkoutId, String shopperId, PricedCart cart) {
        UUID orderId;
        try {
            orderId = orders.place(checkoutId, shopperId, cart, checkouts.find(checkoutId).orElseThrow()
                    .request().shippingAddress());
        } catch (OutOfStockException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), CheckoutFailures.OUT_OF_STOCK, e.lineNo());
        }
        // After the commit: a lost invalidation only leaves a stale recommendation, never a lost order.
        cache.invalidateShopper(shopperId);
        LOG.info("Order {} placed", orderId);
        return new OrderPlaced(orderId);
    }

    @Override
    public void closeCheckout(UUID checkoutId, CheckoutStatus status, FailureReason reason) {
        checkouts.end(checkoutId, status, reason);
    }

    @Override
    public void recordStatus(UUID checkoutId, CheckoutStatus status) {
        checkouts.advance(checkoutId, status);
    }
}
