package com.styleshepherd.activities.order;

import com.styleshepherd.store.orders.OrderLifecycle;
import com.styleshepherd.store.orders.OrderLifecycle.OrderWithoutWorkflow;
import com.styleshepherd.temporal.OrderSettings;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.order.OrderStart;
import com.styleshepherd.workflows.order.OrderWorkflow;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every order placed before orders had a workflow its {@link OrderWorkflow}, so that it can be shipped,
 * cancelled, returned and refunded like any other (issue 25). Such an order has no {@code payment_status}: the
 * workflow's first step writes it. The workflow takes up where the row stands ({@link OrderStart#adoptedAt()}).
 *
 * <p>Runs on the regular workers every {@code styleshepherd.orders.adopt-interval} (default 10 min; off with
 * {@code styleshepherd.orders.adopt-legacy=false}). Only orders placed more than
 * {@code styleshepherd.orders.adopt-after} ago (default 10 min) are taken, so that a checkout about to start its
 * order's workflow is left to do so; should both start it, the workflow id makes it one. Several workers at once
 * are harmless for the same reason.
 */
@Singleton
@Requires(property = "styleshepherd.worker.enabled", value = "true")
public class LegacyOrderAdoption {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyOrderAdoption.class);
    private static final int PAGE = 200;

    private final OrderLifecycle orders;
    private final WorkflowClient client;
    private final OrderSettings settings;
    private final Duration adoptAfter;
    private final boolean scheduled;

    LegacyOrderAdoption(OrderLifecycle orders, WorkflowClient client, OrderSettings settings,
            @Value("${styleshepherd.orders.adopt-after:10m}") Duration adoptAfter,
            @Value("${styleshepherd.orders.adopt-legacy:true}") boolean scheduled) {
        this.orders = orders;
        this.client = client;
        this.settings = settings;
        this.adoptAfter = adoptAfter;
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelay = "${styleshepherd.orders.adopt-interval:10m}", initialDelay = "1m")
    void onSchedule() {
        if (!scheduled) {
            return;
        }
        try {
            adoptWaiting();
        } catch (RuntimeException unreachable) {
            LOG.warn("Cannot adopt the orders placed before orders had a workflow ({}): trying again later",
                    unreachable.getMessage());
        }
    }

    /**
     * Starts a workflow for every order that needs one, a page at a time.
     *
     * @return how many workflows this call started (orders whose workflow was started meanwhile are not counted)
     */
    public int adoptWaiting() {
        Instant placedBefore = Instant.now().minus(adoptAfter);
        int started = 0;
        UUID after = new UUID(0, 0);
        List<OrderWithoutWorkflow> page;
        do {
            page = orders.withoutWorkflow(placedBefore, after, PAGE);
            for (OrderWithoutWorkflow order : page) {
                started += adopt(order) ? 1 : 0;
                after = order.orderId();
            }
        } while (page.size() == PAGE);
        if (started > 0) {
            LOG.info("Adopted {} order(s) placed before orders had a workflow", started);
        }
        return started;
    }

    private boolean adopt(OrderWithoutWorkflow order) {
        OrderWorkflow workflow = client.newWorkflowStub(OrderWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(OrderWorkflow.workflowId(order.orderId()))
                .setTaskQueue(TaskQueues.CHECKOUT)
                .build());
        try {
            WorkflowClient.start(workflow::run, new OrderStart(order.orderId(), order.checkoutId(), order.shopperId(),
                    settings.policy(), order.status()));
            LOG.info("Order {} adopted at {} orderId={}", order.orderId(), order.status(), order.orderId());
            return true;
        } catch (WorkflowExecutionAlreadyStarted running) {
            return false;
        }
    }
}
