package com.styleshepherd.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.styleshepherd.api.archfixture.LeakyController;
import com.styleshepherd.workflows.archfixture.LeakyWorkflowImpl;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled code of every module: one rule per
 * arrow of the module graph, and a fixture that breaks them to show each rule can fail.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The other modules' test-jars (shared fixtures, the raw ONNX reference) are tests too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("com.styleshepherd");

    /** Workflow code runs inside Temporal's replay: it must not reach the outside world. */
    static final ArchRule WORKFLOWS_DO_NO_IO = noClasses()
            .that().resideInAnyPackage("com.styleshepherd.workflows..", "com.styleshepherd.temporal..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "javax.sql..", "org.postgresql..", "io.micronaut.data..", "io.micronaut.jdbc..",
                    "io.lettuce..", "io.micronaut.configuration.lettuce..", "com.stripe..", "ai.djl..",
                    "ai.onnxruntime..", "com.styleshepherd.store..", "com.styleshepherd.cache..",
                    "com.styleshepherd.activities..", "com.styleshepherd.worker..", "com.styleshepherd.gpu..",
                    "com.styleshepherd.api..")
            .because("workflows must stay deterministic and free of JDBC, Lettuce, Stripe and DJL");

    /**
     * The workflows module is plain Java on the Temporal SDK: no Micronaut, no injection. What runs its
     * workflows, and how a process reaches Temporal, is the temporal-wiring module.
     */
    static final ArchRule WORKFLOWS_HAVE_NO_MICRONAUT = noClasses()
            .that().resideInAnyPackage("com.styleshepherd.workflows..", "com.styleshepherd.language..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.inject..")
            .because("workflow code must run the same under any container, in tests and in replay");

    /** Time and randomness inside a workflow come from io.temporal.workflow.Workflow, or replay breaks. */
    static final ArchRule WORKFLOWS_USE_WORKFLOW_TIME_AND_RANDOMNESS = noClasses()
            .that().resideInAPackage("com.styleshepherd.workflows..")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().dependOnClassesThat().areAssignableTo(Random.class)
            .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
            .because("workflow code must replay identically: use Workflow.currentTimeMillis/newRandom/randomUUID");

    /** The store module (PostgreSQL, Valkey and the search over them) is the only one that talks to either. */
    static final String[] STORE = {"com.styleshepherd.store..", "com.styleshepherd.cache..", "com.styleshepherd.search..",
        "com.styleshepherd.outage.."};
    /** Local servers and their fixtures: the dev launcher and tests only. */
    static final String[] LOCAL_SERVERS = {"com.styleshepherd.devstack..", "com.styleshepherd.testing.."};

    /**
     * The api reads the store and encodes search queries with the inference models; it never calls activity
     * implementations, worker internals or the dev launcher.
     */
    static final ArchRule API_STAYS_OUT_OF_THE_WORKERS = noClasses()
            .that().resideInAPackage("com.styleshepherd.api..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.styleshepherd.activities..", "com.styleshepherd.worker..", "com.styleshepherd.gpu..",
                    "com.styleshepherd.devstack..", "com.styleshepherd.testing..")
            .because("the api starts workflows; activities run on workers; local servers are the dev launcher's");

    /** The two worker processes share the store, the providers and the workflows, never each other's code. */
    static final ArchRule WORKERS_ARE_INDEPENDENT = noClasses()
            .that().resideInAnyPackage("com.styleshepherd.activities..", "com.styleshepherd.worker..")
            .should().dependOnClassesThat().resideInAnyPackage("com.styleshepherd.gpu..", "com.styleshepherd.inference..")
            .orShould().dependOnClassesThat().resideInAnyPackage(LOCAL_SERVERS)
            .because("the regular worker's jar holds no model and no speech; the gpu worker's no regular activity");

    static final ArchRule GPU_WORKER_STAYS_OUT_OF_THE_REGULAR_WORKER = noClasses()
            .that().resideInAPackage("com.styleshepherd.gpu..")
            .should().dependOnClassesThat().resideInAnyPackage("com.styleshepherd.activities..", "com.styleshepherd.worker..")
            .orShould().dependOnClassesThat().resideInAnyPackage(LOCAL_SERVERS);

    /**
     * Only the store touches JDBC, Lettuce and object storage (the AWS SDK); local servers create their test
     * databases, and are no product.
     */
    static final ArchRule ONLY_THE_STORE_TOUCHES_JDBC_AND_LETTUCE = noClasses()
            .that().resideOutsideOfPackages(concat(STORE, LOCAL_SERVERS))
            .should().dependOnClassesThat(resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..",
                    "io.micronaut.data..", "io.micronaut.jdbc..", "io.micronaut.transaction..", "io.lettuce..",
                    "io.micronaut.configuration.lettuce..", "org.flywaydb..", "software.amazon.awssdk..")
                    // Page and Pageable are the store's answer types, which the callers page with.
                    .and(not(resideInAPackage("io.micronaut.data.model.."))))
            .because("one module owns how data is stored (docs/architecture.md)");

    /** Only the inference module and the GPU worker load models or speech engines. */
    static final ArchRule ONLY_INFERENCE_AND_THE_GPU_WORKER_RUN_MODELS = noClasses()
            .that().resideOutsideOfPackages("com.styleshepherd.inference..", "com.styleshepherd.gpu..")
            .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "ai.onnxruntime..", "ml.dmlc..",
                    "edu.cmu.sphinx..", "com.sun.speech..", "de.sciss..")
            .because("the api and the regular worker must not carry model runtimes they do not run");

    /** Embedded PostgreSQL and Redis, S3Proxy and Temporal's test server: only local-servers and the dev launcher. */
    static final ArchRule ONLY_THE_DEV_LAUNCHER_EMBEDS_SERVERS = noClasses()
            .that().resideOutsideOfPackages(LOCAL_SERVERS)
            .should().dependOnClassesThat().resideInAnyPackage("io.zonky..", "redis.embedded..", "org.gaul..",
                    "org.jclouds..", "io.temporal.testing..", "io.temporal.testserver..", "io.temporal.internal.testservice..",
                    // The Kafka broker (kafka_2.13 and its KRaft storage): the clients are org.apache.kafka.clients.
                    "kafka..", "org.apache.kafka.raft..", "org.apache.kafka.metadata..")
            .because("test servers and embedded databases never reach a production jar");

    /** The models are plain inference: no database, cache, Temporal or worker code in them. */
    static final ArchRule INFERENCE_IS_PURE = noClasses()
            .that().resideInAPackage("com.styleshepherd.inference..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.styleshepherd.store..", "com.styleshepherd.cache..", "com.styleshepherd.search..",
                    "com.styleshepherd.temporal..", "com.styleshepherd.workflows..", "com.styleshepherd.gpu..",
                    "io.temporal..", "java.sql..", "io.lettuce..")
            .because("the api and the gpu worker share the models; neither drags the other's world in");

    /** Nothing below the api knows about HTTP controllers; only the dev launcher starts the api. */
    static final ArchRule NOTHING_DEPENDS_ON_THE_API = noClasses()
            .that().resideOutsideOfPackages("com.styleshepherd.api..", "com.styleshepherd.devstack..")
            .should().dependOnClassesThat().resideInAPackage("com.styleshepherd.api..");

    private static String[] concat(String[] first, String[] second) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
                .toArray(String[]::new);
    }

    @Test
    void workflowsDoNoIo() {
        WORKFLOWS_DO_NO_IO.check(PRODUCTION);
    }

    @Test
    void workflowsHaveNoMicronaut() {
        WORKFLOWS_HAVE_NO_MICRONAUT.check(PRODUCTION);
    }

    @Test
    void workflowsUseWorkflowTimeAndRandomness() {
        WORKFLOWS_USE_WORKFLOW_TIME_AND_RANDOMNESS.allowEmptyShould(true).check(PRODUCTION);
    }

    @Test
    void apiStaysOutOfTheWorkers() {
        API_STAYS_OUT_OF_THE_WORKERS.check(PRODUCTION);
    }

    @Test
    void theWorkersAreIndependent() {
        WORKERS_ARE_INDEPENDENT.check(PRODUCTION);
        GPU_WORKER_STAYS_OUT_OF_THE_REGULAR_WORKER.check(PRODUCTION);
    }

    @Test
    void onlyTheStoreTouchesJdbcAndLettuce() {
        ONLY_THE_STORE_TOUCHES_JDBC_AND_LETTUCE.check(PRODUCTION);
    }

    @Test
    void onlyInferenceAndTheGpuWorkerRunModels() {
        ONLY_INFERENCE_AND_THE_GPU_WORKER_RUN_MODELS.check(PRODUCTION);
    }

    @Test
    void onlyTheDevLauncherEmbedsServers() {
        ONLY_THE_DEV_LAUNCHER_EMBEDS_SERVERS.check(PRODUCTION);
    }

    @Test
    void inferenceIsPure() {
        INFERENCE_IS_PURE.check(PRODUCTION);
    }

    @Test
    void nothingDependsOnTheApi() {
        NOTHING_DEPENDS_ON_THE_API.check(PRODUCTION);
    }

    @Test
    void theModuleRulesCatchAViolation() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyController.class);
        assertThrows(AssertionError.class, () -> API_STAYS_OUT_OF_THE_WORKERS.check(leaky), "the GPU worker in the api");
        assertThrows(AssertionError.class, () -> ONLY_THE_STORE_TOUCHES_JDBC_AND_LETTUCE.check(leaky), "JDBC in the api");
        assertThrows(AssertionError.class, () -> ONLY_INFERENCE_AND_THE_GPU_WORKER_RUN_MODELS.check(leaky), "DJL in the api");
        assertThrows(AssertionError.class, () -> ONLY_THE_DEV_LAUNCHER_EMBEDS_SERVERS.check(leaky), "zonky in the api");
    }

    @Test
    void theWorkflowRulesCatchAViolation() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyWorkflowImpl.class);
        assertThrows(AssertionError.class, () -> WORKFLOWS_DO_NO_IO.check(leaky), "JDBC in a workflow");
        assertThrows(AssertionError.class, () -> WORKFLOWS_USE_WORKFLOW_TIME_AND_RANDOMNESS.check(leaky),
                "Instant.now() in a workflow");
        assertThrows(AssertionError.class, () -> WORKFLOWS_HAVE_NO_MICRONAUT.check(leaky), "a bean in a workflow");
    }
}
