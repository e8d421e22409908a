package com.styleshepherd.workflows.checkout;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

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

    public static final List<SearchAttributeKey<?>> ALL = List.of(CHECKOUT_STATUS, SHOPPER_ID, CHECKOUT_TOTAL,
            CHECKOUT_ID);

    private CheckoutSearchAttributes() {
    }
}
