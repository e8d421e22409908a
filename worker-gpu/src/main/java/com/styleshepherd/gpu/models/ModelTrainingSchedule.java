package com.styleshepherd.gpu.models;

import com.styleshepherd.store.models.ModelStore;
import com.styleshepherd.temporal.TemporalSchedules;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.models.ModelKind;
import com.styleshepherd.workflows.models.ModelTrainingWorkflow;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleSpec;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@link ShippedModels} into an empty registry, then creates the training schedule when a gpu worker
 * starts: the Temporal Schedule {@code model-training}
 * (one per cluster: a second worker finds it there; a cron workflow where the engine has no schedules),
 * and, where {@code train-on-start} is set (dev), one run now for the kinds that have no promoted version.
 */
@Singleton
@Requires(property = "styleshepherd.gpu-worker.enabled", value = "true")
class ModelTrainingSchedule {

    private static final Logger log = LoggerFactory.getLogger(ModelTrainingSchedule.class);

    private final WorkflowClient client;
    private final ScheduleClient schedules;
    private final TrainingSettings settings;
    private final ModelStore store;
    private final ShippedModels shipped;

    ModelTrainingSchedule(WorkflowClient client, ScheduleClient schedules, TrainingSettings settings, ModelStore store,
            ShippedModels shipped) {
        this.client = client;
        this.schedules = schedules;
        this.settings = settings;
        this.store = store;
        this.shipped = shipped;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        // First the shipped models, so a kind they cover is not trained at start for want of a version.
        try {
            shipped.seed();
        } catch (RuntimeException e) {
            log.warn("could not load the shipped models: {}", e.toString());
        }
        if (settings.isSchedule()) {
            schedule();
        }
        if (settings.isTrainOnStart()) {
            List<ModelKind> missing = Arrays.stream(ModelKind.values())
                    .filter(kind -> store.promoted(kind.id()).isEmpty()).toList();
            if (!missing.isEmpty()) {
                start(ModelTrainingWorkflow.onDemandWorkflowId("start-" + UUID.randomUUID()), null, missing);
            }
        }
    }

    /**
     * The Temporal Schedule {@value ModelTrainingWorkflow#CRON_WORKFLOW_ID} on the configured cron (ops can
     * pause, trigger or backfill it in the Temporal UI); on an engine without schedules, a cron workflow.
     */
    private void schedule() {
        ScheduleActionStartWorkflow training = ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ModelTrainingWorkflow.class)
                .setArguments(List.of())
                .setOptions(WorkflowOptions.newBuilder()
                        .setWorkflowId(ModelTrainingWorkflow.CRON_WORKFLOW_ID)
                        .setTaskQueue(TaskQueues.GPU)
                        .build())
                .build();
        ScheduleSpec cron = ScheduleSpec.newBuilder().setCronExpressions(List.of(settings.getCron())).build();
        try {
            if (TemporalSchedules.ensure(schedules, ModelTrainingWorkflow.CRON_WORKFLOW_ID, training, cron)
                    == TemporalSchedules.Outcome.UNSUPPORTED) {
                start(ModelTrainingWorkflow.CRON_WORKFLOW_ID, settings.getCron(), List.of());
            }
        } catch (RuntimeException e) {
            // Training is not worth failing the worker's start for; the next start or ops can create it.
            log.warn("could not create the model training schedule: {}", e.toString());
        }
    }

    private void start(String workflowId, String cron, List<ModelKind> kinds) {
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.GPU)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
        if (cron != null) {
            options.setCronSchedule(cron);
        }
        try {
            WorkflowClient.start(client.newWorkflowStub(ModelTrainingWorkflow.class, options.build())::train, kinds);
            log.info("model training {} started{}", workflowId, cron == null ? " for " + kinds : " on cron " + cron);
        } catch (WorkflowExecutionAlreadyStarted running) {
            log.debug("model training {} already running", workflowId);
        } catch (RuntimeException e) {
            // Training is not worth failing the worker's start for; the next start or ops can start it.
            log.warn("could not start model training {}: {}", workflowId, e.toString());
        }
    }
}
