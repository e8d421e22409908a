package com.styleshepherd.workflows.models;

import com.styleshepherd.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;

/**
 * {@link ModelTrainingWorkflow}: for each kind, in {@link ModelKind} order (the return-risk model reads
 * the others), train a candidate, then promote it if it beat the promoted version.
 */
public class ModelTrainingWorkflowImpl implements ModelTrainingWorkflow {

    private static final Logger log = Workflow.getLogger(ModelTrainingWorkflowImpl.class);

    private final ModelTrainingActivities training = Workflow.newActivityStub(ModelTrainingActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.GPU)
                    .setScheduleToStartTimeout(Duration.ofHours(6))
                    .setStartToCloseTimeout(Duration.ofHours(1))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(10))
                            .setBackoffCoefficient(2)
                            .setMaximumAttempts(3)
                            .build())
                    .build());

    private String stage = "STARTED";

    @Override
    public List<CandidateReport> train(List<ModelKind> kinds) {
        List<ModelKind> order = (kinds == null || kinds.isEmpty() ? List.of(ModelKind.values()) : kinds).stream()
                .distinct().sorted(Comparator.naturalOrder()).toList();
        List<CandidateReport> reports = new ArrayList<>();
        for (ModelKind kind : order) {
            stage = "TRAINING_" + kind.name();
            CandidateReport report = training.trainCandidate(kind);
            if (report.version() != null && report.better()) {
                stage = "PROMOTING_" + kind.name();
                boolean promoted = training.promote(kind, report.version(), report.currentVersion());
                if (!promoted) {
                    report = new CandidateReport(kind, report.version(), report.trainingRows(), report.testRows(),
                            report.score(), report.currentVersion(), report.currentScore(), false,
                            report.decision() + "; not promoted: another version was promoted meanwhile");
                }
            }
            if (report.version() == null) {
                // No candidate (too little data): the activity's warning says what would make one.
                log.warn("model {}: no candidate: {}", kind.id(), report.decision());
            } else {
                log.info("model {} v{}: {}", kind.id(), report.version(), report.decision());
            }
            reports.add(report);
        }
        stage = "DONE";
        return reports;
    }

    @Override
    public String stage() {
        return stage;
    }
}
