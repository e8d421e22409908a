package com.styleshepherd.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TLS to the Temporal frontend against a frontend that serves only mutual TLS: the Java test server's
 * services behind a gRPC server with a certificate for localhost that asks for a client certificate
 * (test material in {@code src/test/resources/tls}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalTlsTest {

    private TestServicesStarter services;
    private Server frontend;
    private String address;

    @BeforeAll
    void startMutualTlsFrontend() throws Exception {
        services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forPort(0)
                .sslContext(GrpcSslContexts.forServer(file("server.pem"), file("server.key"))
                        .trustManager(file("ca.pem"))
                        .clientAuth(ClientAuth.REQUIRE)
                        .build());
        for (BindableService service : services.getServices()) {
            builder.addService(service);
        }
        frontend = builder.build().start();
        address = "localhost:" + frontend.getPort();
    }

    @AfterAll
    void stop() throws InterruptedException {
        frontend.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        services.close();
    }

    @Test
    void aWorkerWithTheClientCertificateRunsAWorkflowOverMutualTls() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(settings(Map.of(
                "temporal.tls.enabled", "true",
                "temporal.tls.ca-cert", path("ca.pem"),
                "temporal.tls.client-cert", path("client.pem"),
                "temporal.tls.client-key", path("client.key"))))) {
            WorkflowClient client = context.getBean(WorkflowClient.class);
            try (TaskQueueWorkers workers = new TaskQueueWorkers("tls-worker", client, 2, Duration.ofSeconds(5),
                    Set.of(TaskQueueWorkersTest.QUEUE), List.of(new WorkerRegistration(TaskQueueWorkersTest.QUEUE,
                            List.of(TaskQueueWorkersTest.GreetingWorkflowImpl.class),
                            List.of(new TaskQueueWorkersTest.ComposeGreetings()))))) {
                workers.start();
                TaskQueueWorkersTest.GreetingWorkflow workflow = client.newWorkflowStub(
                        TaskQueueWorkersTest.GreetingWorkflow.class, WorkflowOptions.newBuilder()
                                .setTaskQueue(TaskQueueWorkersTest.QUEUE)
                                .setWorkflowId("tls-" + UUID.randomUUID())
                                .build());
                WorkflowClient.start(workflow::greet, "Tess");
                workflow.proceed();
                assertEquals("Hello Tess / Hello Tess again",
                        io.temporal.client.WorkflowStub.fromTyped(workflow).getResult(30, TimeUnit.SECONDS, String.class));
            }
        }
    }

    @Test
    void withoutAClientCertificateTheFrontendRefusesTheConnection() throws Exception {
        assertRefused(Map.of("temporal.tls.enabled", "true", "temporal.tls.ca-cert", path("ca.pem")));
    }

    @Test
    void withoutTlsTheFrontendRefusesTheConnection() throws Exception {
        assertRefused(Map.of());
    }

    @Test
    void aClientCertificateWithoutItsKeyIsAConfigurationError() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(settings(Map.of(
                "temporal.tls.enabled", "true", "temporal.tls.client-cert", path("client.pem"))))) {
            BeanInstantiationException error = assertThrows(BeanInstantiationException.class,
                    () -> context.getBean(WorkflowServiceStubs.class));
            assertTrue(rootMessage(error).contains("temporal.tls.client-key"), rootMessage(error));
        }
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        TemporalTls tls = new TemporalTls(true, Path.of("/nonexistent/ca.pem"), null, null);
        IllegalStateException error = assertThrows(IllegalStateException.class, tls::sslContext);
        assertTrue(error.getMessage().contains("temporal.tls.ca-cert: cannot read /nonexistent/ca.pem"), error.getMessage());
    }

    private void assertRefused(Map<String, Object> tls) throws Exception {
        try (ApplicationContext context = ApplicationContext.run(settings(tls))) {
            WorkflowServiceStubs stubs = context.getBean(WorkflowServiceStubs.class);
            assertThrows(StatusRuntimeException.class, () -> stubs.blockingStub()
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()));
        }
    }

    private Map<String, Object> settings(Map<String, Object> tls) {
        Map<String, Object> settings = new HashMap<>(tls);
        settings.put("temporal.address", address);
        settings.put("temporal.sticky-execution", "false");
        return settings;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static File file(String name) throws URISyntaxException {
        return new File(TemporalTlsTest.class.getResource("/tls/" + name).toURI());
    }

    private static String path(String name) throws URISyntaxException {
        return file(name).getAbsolutePath();
    }
}
