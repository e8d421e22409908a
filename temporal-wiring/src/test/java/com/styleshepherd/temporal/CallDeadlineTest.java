package com.styleshepherd.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A frontend that accepts connections and never answers (one that is starting) holds a call for the RPC
 * timeout of each attempt and retries for the whole window; the call deadline ends it, attempt in flight
 * included.
 */
class CallDeadlineTest {

    private ServerSocket silent;
    private final List<Socket> accepted = new ArrayList<>();
    private WorkflowServiceStubs stubs;

    @BeforeEach
    void silentFrontend() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        // The workers' settings: a minute of retries, 10 s per attempt.
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + silent.getLocalPort())
                .setRpcTimeout(Duration.ofSeconds(10))
                .setRpcRetryOptions(RpcRetryOptions.newBuilder().setExpiration(Duration.ofMinutes(1))
                        .validateBuildWithDefaults())
                .build());
    }

    @AfterEach
    void close() throws IOException {
        stubs.shutdownNow();
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    /** Without the deadline this call takes over 6 s here (the SDK's first probe of the server gives up at 5 s). */
    @Test
    @Timeout(value = 4, unit = TimeUnit.SECONDS)
    void aCallToASilentFrontendEndsAtTheDeadlineAsAnEngineOutage() {
        CallDeadline deadline = new CallDeadline(settings(Duration.ofMillis(300)));
        try {
            // Through the SDK's retrying client, as the api calls it.
            WorkflowClient client = WorkflowClient.newInstance(stubs);
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> deadline.within(client.newUntypedWorkflowStub("checkout-1")::describe));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, grpcCode(failure));
        } finally {
            deadline.close();
        }
    }

    @Test
    void withoutADeadlineTheCallRunsAsTheSdkSays() {
        CallDeadline none = new CallDeadline(settings(null));
        assertNull(none.within(() -> io.grpc.Context.current().getDeadline()));
        CallDeadline bounded = new CallDeadline(settings(Duration.ofSeconds(5)));
        try {
            long remaining = bounded.within(() -> io.grpc.Context.current().getDeadline()
                    .timeRemaining(TimeUnit.MILLISECONDS));
            assertTrue(remaining > 0 && remaining <= 5000, "remaining " + remaining);
            assertNull(io.grpc.Context.current().getDeadline(), "the deadline ends with the call");
        } finally {
            bounded.close();
        }
    }

    private static Status.Code grpcCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException grpc) {
                return grpc.getStatus().getCode();
            }
        }
        return null;
    }

    private static TemporalSettings settings(Duration callDeadline) {
        return new TemporalSettings("localhost:7233", "default", true, Duration.ofSeconds(10), 5,
                Duration.ofSeconds(20), Duration.ofMinutes(1), callDeadline);
    }
}
