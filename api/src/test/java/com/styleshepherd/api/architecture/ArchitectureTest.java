package com.styleshepherd.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.styleshepherd.workflows.archfixture.LeakyWorkflowImpl;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled code of every module.
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

    /**
     * The api reads stores and encodes search queries with the inference models; it never calls
     * activity implementations or worker internals directly.
     */
    static final ArchRule API_STAYS_OUT_OF_ACTIVITY_IMPLEMENTATIONS = noClasses()
            .that().resideInAPackage("com.styleshepherd.api..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.styleshepherd.activities..", "com.styleshepherd.worker..", "com.styleshepherd.gpu..")
            .because("the api starts workflows; activities run on workers");

    /** The models are plain inference: no database, cache, Temporal or worker code in them. */
    static final ArchRule INFERENCE_IS_PURE = noClasses()
            .that().resideInAPackage("com.styleshepherd.inference..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.styleshepherd.store..", "com.styleshepherd.cache..", "com.styleshepherd.search..",
                    "com.styleshepherd.temporal..", "com.styleshepherd.workflows..", "com.styleshepherd.gpu..",
                    "io.temporal..", "java.sql..", "io.lettuce..")
            .because("the api and the gpu worker share the models; neither drags the other's world in");

    /** Nothing below the api knows about HTTP controllers. */
    static final ArchRule NOTHING_DEPENDS_ON_THE_API = noClasses()
            .that().resideOutsideOfPackage("com.styleshepherd.api..")
            .should().dependOnClassesThat().resideInAPackage("com.styleshepherd.api..");

    @Test
    void workflowsDoNoIo() {
        WORKFLOWS_DO_NO_IO.check(PRODUCTION);
    }

    @Test
    void workflowsUseWorkflowTimeAndRandomness() {
        WORKFLOWS_USE_WORKFLOW_TIME_AND_RANDOMNESS.allowEmptyShould(true).check(PRODUCTION);
    }

    @Test
    void apiStaysOutOfActivityImplementations() {
        API_STAYS_OUT_OF_ACTIVITY_IMPLEMENTATIONS.check(PRODUCTION);
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
    void theWorkflowRulesCatchAViolation() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyWorkflowImpl.class);
        assertThrows(AssertionError.class, () -> WORKFLOWS_DO_NO_IO.check(leaky), "JDBC in a workflow");
        assertThrows(AssertionError.class, () -> WORKFLOWS_USE_WORKFLOW_TIME_AND_RANDOMNESS.check(leaky),
                "Instant.now() in a workflow");
    }
}
