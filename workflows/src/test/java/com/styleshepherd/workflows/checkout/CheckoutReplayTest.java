package com.styleshepherd.workflows.checkout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays recorded checkout histories — every path, from every released version of the workflow —
 * against today's code. A change that would break running checkouts fails here, not in production.
 * {@code v1-*} were recorded before the {@code extend-stock-hold-while-declined} change, {@code v2-*}
 * before {@code local-activities-for-database-steps}; they replay because both changes are behind
 * {@code Workflow.getVersion}. {@code v3-*} were recorded on the test server before
 * {@code payment-keys-survive-reset}; {@code v4-*} and later on a real Temporal server
 * ({@code scripts/record-histories.sh}), with its sticky task queues, search attributes and worker versions:
 * {@code v4-*} before {@code status-written-by-workflow}, {@code v5-*} before {@code opened-checkout-carried}
 * (whose input was still flat: items, payment method and address beside the ids), {@code v6-*} before
 * {@code order-workflow-started}, {@code v7-*} today's paths (a completed checkout starts its order's workflow).
 */
class CheckoutReplayTest {

    static final Path HISTORIES = Path.of("src/test/resources/histories/checkout");

    static List<Path> histories() throws IOException {
        try (Stream<Path> files = Files.list(HISTORIES)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("histories")
    void replaysDeterministically(Path history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(Files.readString(history), CheckoutWorkflowImpl.class);
    }

    @org.junit.jupiter.api.Test
    void everyPathIsRecordedAndTheHistoriesBeforeTheVersionedChangesAreKept() throws IOException {
        List<String> names = histories().stream().map(file -> file.getFileName().toString()).toList();
        for (String version : List.of("v2", "v3", "v4", "v5", "v6", "v7")) {
            for (String path : List.of("completed", "decline-then-retry", "decline-timeout", "three-d-secure",
                    "three-d-secure-timeout", "out-of-stock")) {
                assertTrue(names.contains(version + "-" + path + ".json"), "missing " + version + "-" + path + " in " + names);
            }
        }
        assertTrue(names.contains("v1-decline-then-retry.json") && names.contains("v1-decline-timeout.json"), names.toString());
    }

    @org.junit.jupiter.api.Test
    void theHistoriesFromV4OnCameFromARealServer() throws IOException {
        for (Path history : histories()) {
            String name = history.getFileName().toString();
            if (Integer.parseInt(name.substring(1, name.indexOf('-'))) >= 4) {
                String json = Files.readString(history);
                // Only a real server hands later workflow tasks to the worker's sticky queue.
                assertTrue(json.contains("TASK_QUEUE_KIND_STICKY"), history + " was not recorded on a real server");
            }
        }
    }
}
