package com.styleshepherd.devstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.TemporalCli;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Temporal CLI's dev server as the dev stack runs it. Skipped where no Temporal CLI is installed. */
class TemporalCliServerTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void aServerThatAKilledStackLeftRunningIsStoppedAndTheNextOneFindsTheSearchAttributes() throws Exception {
        Path cli = TemporalCli.require();
        TemporalCliServer first = start(cli);
        try {
            ProcessHandle leftover = ProcessTree.fromPidFile(data.resolve("temporal.pid"), "temporal").orElseThrow();
            try (TemporalCliServer second = start(cli)) {
                leftover.onExit().get(5, TimeUnit.SECONDS);
                assertFalse(leftover.isAlive(), "one server on the SQLite file");
                assertTrue(second.isRunning());
                OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                        OperatorServiceStubsOptions.newBuilder().setTarget(second.target()).validateAndBuildWithDefaults());
                try {
                    Set<String> registered = operator.blockingStub().listSearchAttributes(ListSearchAttributesRequest
                            .newBuilder().setNamespace(TemporalCliServer.NAMESPACE).build()).getCustomAttributesMap().keySet();
                    assertTrue(registered.containsAll(CheckoutSearchAttributes.ALL.stream().map(SearchAttributeKey::getName)
                            .toList()), "registered on a SQLite file that has them already: " + registered);
                } finally {
                    operator.shutdownNow();
                }
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aTakenPortIsRefusedSayingWhatToDo() throws IOException {
        Path cli = TemporalCli.require();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TemporalCliServer.start(cli,
                    data, taken.getLocalPort(), FreePort.find(), CheckoutSearchAttributes.ALL, STARTUP));
            assertTrue(refused.getMessage().contains("DEV_TEMPORAL_PORT=0"), refused.getMessage());
        }
    }

    private TemporalCliServer start(Path cli) {
        return TemporalCliServer.start(cli, data, FreePort.find(), FreePort.find(), CheckoutSearchAttributes.ALL, STARTUP);
    }
}
