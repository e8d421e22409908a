package com.styleshepherd.activities.checkout;

import com.styleshepherd.activities.order.OrderActivitiesImpl;
import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CheckoutWorkflowImpl;
import com.styleshepherd.workflows.checkout.StockHoldSweepWorkflowImpl;
import com.styleshepherd.workflows.order.OrderWorkflowImpl;
import com.styleshepherd.workflows.order.ShipmentWorkflowImpl;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/**
 * The checkout workflow, the stock-hold sweep, and the order and shipment workflows the checkout starts, with
 * their activities, on task queue {@code checkout}.
 */
// Only where the worker runs: the gpu worker has this module on its classpath for the store.
@Factory
@Requires(property = "styleshepherd.worker.enabled", value = "true")
class CheckoutWorkerRegistration {

    @Bean
    @Named("checkout")
    WorkerRegistration checkoutRegistration(CheckoutActivitiesImpl checkout, PaymentActivitiesImpl payments,
            StockHoldActivitiesImpl holds, OrderActivitiesImpl orders) {
        // The order and its shipments run beside the checkout that places them: same queue, same worker.
        return new WorkerRegistration(TaskQueues.CHECKOUT,
                List.of(CheckoutWorkflowImpl.class, StockHoldSweepWorkflowImpl.class, OrderWorkflowImpl.class,
                        ShipmentWorkflowImpl.class),
                List.of(checkout, payments, holds, orders));
    }
}
