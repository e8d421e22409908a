package com.styleshepherd.workflows;

import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/**
 * The engine a history recorder runs its workflow on: the Temporal test server in memory (no arguments),
 * or a real Temporal server ({@code --target host:port}, namespace {@code default}), whose histories are
 * the ones production writes. {@code scripts/record-histories.sh} starts a real one and records on it.
 */
public final class RecordingEngine implements AutoCloseable {

    private final TestWorkflowEnvironment testServer;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final WorkerFactory workers;

    private RecordingEngine(TestWorkflowEnvironment testServer, WorkflowServiceStubs service) {
        this.testServer = testServer;
        this.service = service;
        this.client = testServer != null ? testServer.getWorkflowClient()
                : WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        this.workers = testServer != null ? null : WorkerFactory.newInstance(client);
    }

    /** The test server, or the real server that {@code --target host:port} among {@code args} names. */
    public static RecordingEngine from(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--target")) {
                return real(args[i + 1]);
            }
        }
        return testServer();
    }

    public static RecordingEngine testServer() {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        CheckoutSearchAttributes.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
        return new RecordingEngine(env, null);
    }

    static RecordingEngine real(String target) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
        AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace("default");
        CheckoutSearchAttributes.ALL.forEach(key -> request.putSearchAttributes(key.getName(), key.getValueType()));
        try {
            operator.blockingStub().addSearchAttributes(request.build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
        return new RecordingEngine(null, service);
    }

    public boolean isRealServer() {
        return testServer == null;
    }

    /** Lets time pass: skipped on the test server, waited out on a real one. */
    public void sleep(java.time.Duration duration) throws InterruptedException {
        if (testServer != null) {
            testServer.sleep(duration);
        } else {
            Thread.sleep(duration.toMillis());
        }
    }

    public WorkflowClient client() {
        return client;
    }

    public Worker newWorker(String taskQueue) {
        return testServer != null ? testServer.newWorker(taskQueue) : workers.newWorker(taskQueue);
    }

    /** Starts the workers created so far. */
    public void start() {
        if (testServer != null) {
            testServer.start();
        } else {
            workers.start();
        }
    }

    @Override
    public void close() {
        if (testServer != null) {
            testServer.close();
        } else {
            workers.shutdownNow();
            service.shutdownNow();
        }
    }
}
