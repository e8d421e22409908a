package com.styleshepherd.store.checkout;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.workflows.returnrisk.RiskLevel;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A checkout with what its steps recorded, as the api shows it. */
@Singleton
public class CheckoutDetailsStore {

    private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);

    private final CheckoutStore checkouts;
    private final PaymentLedger payments;
    private final OrderRepository orders;
    private final ReturnPredictionRepository predictions;
    private final JsonColumns json;

    CheckoutDetailsStore(CheckoutStore checkouts, PaymentLedger payments, OrderRepository orders,
            ReturnPredictionRepository predictions, JsonColumns json) {
        this.checkouts = checkouts;
        this.payments = payments;
        this.orders = orders;
        this.predictions = predictions;
        this.json = json;
    }

    /** The checkout with its latest payment, order and basket risk. */
    @ReadOnly
    public Optional<CheckoutDetails> find(UUID checkoutId) {
        return checkouts.find(checkoutId).map(checkout -> new CheckoutDetails(checkout,
                payments.latestFor(checkoutId).orElse(null), orders.findIdByCheckoutId(checkoutId).orElse(null),
                predictions.latestBasketRisk(checkoutId).map(risk -> new RiskSummary(risk.probability(),
                        RiskLevel.valueOf(risk.riskLevel()), json.read(risk.reasons(), STRINGS),
                        json.read(risk.mitigations(), STRINGS))).orElse(null)));
    }
}
