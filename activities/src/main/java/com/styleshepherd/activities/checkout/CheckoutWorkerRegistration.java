package com.styleshepherd.activities.checkout;

import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CheckoutWorkflowImpl;
import com.styleshepherd.workflows.checkout.StockHoldSweepWorkflowImpl;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/** The checkout workflow and the stock-hold sweep, with their activities, on task queue {@code checkout}. */
// Only where the worker runs: the gpu worker has this module on its classpath for the store.
@Factory
@Requires(property = "styleshepherd.worker.enabled", value = "true")
class CheckoutWorkerRegistration {

    @Bean
    @Named("checkout")
    WorkerRegistration checkoutRegistration(CheckoutActivitiesImpl checkout, PaymentActivitiesImpl payments,
            StockHoldActivitiesImpl holds) {
        return new WorkerRegistration(TaskQueues.CHECKOUT,
                List.of(CheckoutWorkflowImpl.class, StockHoldSweepWorkflowImpl.class), List.of(checkout, payments, holds));
    }
}
