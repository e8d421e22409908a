package com.styleshepherd.workflows.order;

import com.styleshepherd.workflows.RecordingEngine;
import com.styleshepherd.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Records order and shipment histories into {@code src/test/resources/histories/order}, for
 * {@link OrderReplayTest}: {@code scripts/record-histories.sh} on a real Temporal server, or its {@code main}
 * without {@code --target} on the test server. Each path's order history is {@code <prefix>-order-<path>.json};
 * the shipments it started are {@code <prefix>-shipment-<path>-<n>.json}.
 */
public final class OrderHistories {

    /** Short windows, so the paths end in seconds on a real server's clock. */
    static final OrderPolicy POLICY = new OrderPolicy(Duration.ofSeconds(3), Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    static final Path DIRECTORY = Path.of("src/test/resources/histories/order");

    private OrderHistories() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args.length > 0 && !args[0].startsWith("--") ? args[0] : "current";
        Files.createDirectories(DIRECTORY);
        for (String path : List.of("cancelled", "returned", "expired", "adopted")) {
            try (RecordingEngine engine = RecordingEngine.from(args)) {
                record(engine, prefix, path);
            }
            System.out.println("recorded " + prefix + "-order-" + path);
        }
    }

    /** One order down {@code path}, with the in-memory shop; its history (and its shipments') as JSON files. */
    static void record(RecordingEngine engine, String prefix, String path) throws Exception {
        FakeOrderActivities shop = new FakeOrderActivities();
        var worker = engine.newWorker(TaskQueues.CHECKOUT);
        worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class, ShipmentWorkflowImpl.class);
        worker.registerActivitiesImplementations(shop);
        engine.start();
        WorkflowClient client = engine.client();
        UUID orderId = UUID.randomUUID();
        OrderWorkflow order = client.newWorkflowStub(OrderWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(OrderWorkflow.workflowId(orderId)).setTaskQueue(TaskQueues.CHECKOUT).build());
        // "adopted": an order placed before orders had a workflow, adopted while shipped.
        WorkflowClient.start(order::run, new OrderStart(orderId, UUID.randomUUID(), "shopper-1", POLICY,
                path.equals("adopted") ? OrderStatus.SHIPPED : null));
        List<UUID> shipments = List.of(UUID.randomUUID(), UUID.randomUUID());
        switch (path) {
            case "cancelled" -> {
                order.createShipment(new OrderRequests.NewShipment(shipments.get(0), List.of()));
                shipment(client, orderId, shipments.get(0)).report(new ShipmentReport(ShipmentStep.LABEL_CREATED,
                        "UPS", "1Z999"));
                order.cancel(new OrderRequests.Cancel("changed my mind"));
                shipments = shipments.subList(0, 1);
            }
            case "returned" -> {
                order.createShipment(new OrderRequests.NewShipment(shipments.get(0), List.of(FakeOrderActivities.DRESS)));
                order.createShipment(new OrderRequests.NewShipment(shipments.get(1), List.of(FakeOrderActivities.SOCKS)));
                for (UUID shipmentId : shipments) {
                    ShipmentWorkflow shipment = shipment(client, orderId, shipmentId);
                    // Held at its label past the stuck time, so the alert is in the history too.
                    shipment.report(new ShipmentReport(ShipmentStep.LABEL_CREATED, "UPS", "1Z999"));
                    engine.sleep(POLICY.shipmentStuckAfter().plusMillis(500));
                    shipment.report(new ShipmentReport(ShipmentStep.SHIPPED, null, null));
                    shipment.report(new ShipmentReport(ShipmentStep.DELIVERED, null, null));
                }
                for (int i = 0; i < 100 && order.state().status() != OrderStatus.DELIVERED; i++) {
                    engine.sleep(Duration.ofMillis(50));
                }
                UUID returnId = UUID.randomUUID();
                order.requestReturn(new OrderRequests.ReturnRequest(returnId, FakeOrderActivities.SOCKS, 2,
                        "TOO_SMALL", null));
                order.receiveReturn(new OrderRequests.ReturnReceipt(returnId, ReturnCondition.RESELLABLE));
                order.refund(new OrderRequests.Refund("goodwill-1", new java.math.BigDecimal("5.00"), "GOODWILL"));
            }
            case "expired" -> {
                // Delivered in one part; a return asked for and never received expires after the window's grace.
                shipments = shipments.subList(0, 1);
                order.createShipment(new OrderRequests.NewShipment(shipments.get(0), List.of()));
                ShipmentWorkflow shipment = shipment(client, orderId, shipments.get(0));
                for (ShipmentStep step : List.of(ShipmentStep.LABEL_CREATED, ShipmentStep.SHIPPED,
                        ShipmentStep.DELIVERED)) {
                    shipment.report(new ShipmentReport(step, "UPS", "1Z999"));
                }
                for (int i = 0; i < 100 && order.state().status() != OrderStatus.DELIVERED; i++) {
                    engine.sleep(Duration.ofMillis(50));
                }
                order.requestReturn(new OrderRequests.ReturnRequest(UUID.randomUUID(), FakeOrderActivities.DRESS, 1,
                        "STYLE", null));
            }
            case "adopted" -> {
                // Its one shipment is under way already; delivered, and the window closes with nothing returned.
                shipments = List.of(OrderWorkflowImpl.adoptedShipmentId(orderId));
                for (int i = 0; i < 100 && order.state().shipments().isEmpty(); i++) {
                    engine.sleep(Duration.ofMillis(50));
                }
                shipment(client, orderId, shipments.get(0)).report(new ShipmentReport(ShipmentStep.DELIVERED, null,
                        null));
            }
            default -> throw new IllegalArgumentException(path);
        }
        WorkflowStub.fromTyped(order).getResult(OrderState.class);
        Files.writeString(DIRECTORY.resolve(prefix + "-order-" + path + ".json"),
                client.fetchHistory(OrderWorkflow.workflowId(orderId)).toJson(true));
        for (int n = 0; n < shipments.size(); n++) {
            String shipmentId = ShipmentWorkflow.workflowId(orderId, shipments.get(n));
            client.newUntypedWorkflowStub(shipmentId).getResult(ShipmentState.class);
            Files.writeString(DIRECTORY.resolve(prefix + "-shipment-" + path + "-" + (n + 1) + ".json"),
                    client.fetchHistory(shipmentId).toJson(true));
        }
    }

    private static ShipmentWorkflow shipment(WorkflowClient client, UUID orderId, UUID shipmentId) {
        return client.newWorkflowStub(ShipmentWorkflow.class, ShipmentWorkflow.workflowId(orderId, shipmentId));
    }
}
