package com.styleshepherd.activities.checkout;

import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CheckoutWorkflowImpl;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import java.util.List;

/** The checkout workflow and its activities, on task queue {@code checkout}. */
@Factory
class CheckoutWorkerRegistration {

    @Bean
    @Named("checkout")
    WorkerRegistration checkoutRegistration(CheckoutActivitiesImpl checkout, PaymentActivitiesImpl payments) {
        return new WorkerRegistration(TaskQueues.CHECKOUT, List.of(CheckoutWorkflowImpl.class), List.of(checkout, payments));
    }
}
