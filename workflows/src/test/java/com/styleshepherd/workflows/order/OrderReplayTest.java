package com.styleshepherd.workflows.order;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded order and shipment histories against today's code: a change that would break running
 * orders fails here. {@code v1-*} were recorded on a real Temporal server ({@code scripts/record-histories.sh})
 * with the first order workflow ({@link OrderHistories}): a cancellation after a label, and an order shipped in
 * two parts (each held past its stuck time), delivered, one line returned and refunded, a goodwill refund, and
 * the return window closing. {@code v2-*} add the receipt grace ({@code returns-expire}): the same two paths, and
 * a return asked for and never received, expiring after the window; and an order placed before orders had a
 * workflow, adopted while shipped ({@code LegacyOrderAdoption}), then delivered.
 */
class OrderReplayTest {

    static List<Path> histories(String kind) throws IOException {
        try (Stream<Path> files = Files.list(OrderHistories.DIRECTORY)) {
            return files.filter(file -> file.getFileName().toString().matches("v\\d+-" + kind + "-.*\\.json"))
                    .sorted().toList();
        }
    }

    static List<Path> orders() throws IOException {
        return histories("order");
    }

    static List<Path> shipments() throws IOException {
        return histories("shipment");
    }

    @ParameterizedTest
    @MethodSource("orders")
    void ordersReplayDeterministically(Path history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(Files.readString(history), OrderWorkflowImpl.class);
    }

    @ParameterizedTest
    @MethodSource("shipments")
    void shipmentsReplayDeterministically(Path history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(Files.readString(history), ShipmentWorkflowImpl.class);
    }

    @Test
    void everyPathIsRecorded() throws IOException {
        List<String> names = Stream.concat(orders().stream(), shipments().stream())
                .map(file -> file.getFileName().toString()).toList();
        for (String name : List.of("v1-order-cancelled.json", "v1-order-returned.json", "v1-shipment-cancelled-1.json",
                "v1-shipment-returned-1.json", "v1-shipment-returned-2.json")) {
            assertTrue(names.contains(name), "missing " + name + " in " + names);
        }
    }

    @Test
    void theHistoriesCameFromARealServer() throws IOException {
        for (Path history : Stream.concat(orders().stream(), shipments().stream()).toList()) {
            // Only a real server hands later workflow tasks to the worker's sticky queue.
            assertTrue(Files.readString(history).contains("TASK_QUEUE_KIND_STICKY"),
                    history + " was not recorded on a real server");
        }
    }
}
