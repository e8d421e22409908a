package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.Purchase;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets Micronaut Serde read and write the workflow payload records the stores keep as JSON (the
 * workflows module carries no Micronaut annotations).
 */
@SerdeImport(CartLine.class)
@SerdeImport(Purchase.class)
@SerdeImport(ShippingAddress.class)
final class WorkflowPayloadsSerde {

    private WorkflowPayloadsSerde() {
    }
}
