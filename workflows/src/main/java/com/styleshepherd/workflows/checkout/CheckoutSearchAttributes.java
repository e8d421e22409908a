package com.styleshepherd.workflows.checkout;

import com.styleshepherd.workflows.order.OrderSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.util.List;
import java.util.stream.Stream;

/**
 * Search attributes the checkout keeps up to date, so ops can filter in the Temporal UI
 * ({@code CheckoutStatus="FAILED"}, {@code ShopperId="..."}). A cluster must have them registered:
 * the dev stack does it on the embedded engine; on a real one the temporal-setup script
 * ({@code deploy/kubernetes/base/temporal-setup/setup-namespace.sh}, checked by SearchAttributeManifestTest).
 */
public final class CheckoutSearchAttributes {

    public static final SearchAttributeKey<String> CHECKOUT_STATUS = SearchAttributeKey.forKeyword("CheckoutStatus");
    /** The checkout's id in the api ({@code GET /api/checkouts/{checkoutId}}). */
    public static final SearchAttributeKey<String> CHECKOUT_ID = SearchAttributeKey.forKeyword("CheckoutId");
    public static final SearchAttributeKey<String> SHOPPER_ID = SearchAttributeKey.forKeyword("ShopperId");
    public static final SearchAttributeKey<Double> CHECKOUT_TOTAL = SearchAttributeKey.forDouble("CheckoutTotal");

    /** Every custom search attribute the backend's workflows set: the checkout's and the order's. */
    public static final List<SearchAttributeKey<?>> ALL = Stream.concat(
            Stream.of(CHECKOUT_STATUS, SHOPPER_ID, CHECKOUT_TOTAL, CHECKOUT_ID),
            OrderSearchAttributes.ALL.stream()).toList();

    private CheckoutSearchAttributes() {
    }
}
