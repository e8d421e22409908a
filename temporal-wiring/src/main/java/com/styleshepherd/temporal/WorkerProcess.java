package com.styleshepherd.temporal;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a worker process: a Micronaut context in the given environment, until SIGTERM. Closing the
 * context on shutdown stops polling and lets running activities finish (for
 * {@code temporal.shutdown-grace}).
 *
 * <p>The context is a plain one, not {@code Micronaut.run}: only the management server is started, and
 * only where {@code styleshepherd.management-server.enabled} (environment {@value #ENVIRONMENT} sets it):
 * {@code /health/liveness}, {@code /health/readiness} and {@code /prometheus} on
 * {@code micronaut.server.port} (8081), for Kubernetes' probes and Prometheus. Tests that start a
 * worker on a classpath holding the api's controllers leave it off.
 */
public final class WorkerProcess {

    /** The environment both worker processes add to their own: the management server's configuration. */
    public static final String ENVIRONMENT = "worker-process";
    static final String MANAGEMENT_SERVER = "styleshepherd.management-server.enabled";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);

    private WorkerProcess() {
    }

    public static void run(Class<?> mainClass, String environment, String[] args) throws InterruptedException {
        ApplicationContext context = start(mainClass, Map.of(), args, environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, environment + "-shutdown"));
        stopped.await();
    }

    /**
     * Starts the worker's context, in its environments and {@value #ENVIRONMENT}, and, where configured,
     * its management server.
     *
     * @param properties configuration over the files and the environment (tests point it at their servers)
     * @param environments the process's Micronaut environments; the first names it in the logs
     */
    public static ApplicationContext start(
            Class<?> mainClass, Map<String, Object> properties, String[] args, String... environments) {
        ApplicationContext context = ApplicationContext.builder(mainClass)
                .args(args)
                .properties(properties)
                .environments(environments)
                .environments(ENVIRONMENT)
                .start();
        String environment = environments[0];
        if (context.getProperty(MANAGEMENT_SERVER, Boolean.class).orElse(false)) {
            EmbeddedApplication<?> server = context.findBean(EmbeddedApplication.class)
                    .filter(EmbeddedApplication::isServer)
                    .orElseThrow(() -> new IllegalStateException(
                            MANAGEMENT_SERVER + " is set but no HTTP server is on the classpath"));
            server.start();
            LOG.info("{} management server: /health/liveness, /health/readiness, /prometheus on port {}",
                    environment, context.getProperty("micronaut.server.port", String.class).orElse("8080"));
        }
        return context;
    }
}
