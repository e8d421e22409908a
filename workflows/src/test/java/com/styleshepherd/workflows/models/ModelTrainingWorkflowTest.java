package com.styleshepherd.workflows.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.styleshepherd.workflows.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The training run's orchestration with its activities mocked: order, and promotion only of better candidates. */
class ModelTrainingWorkflowTest {

    private TestWorkflowEnvironment env;
    private ModelTrainingActivities training;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        training = mock(ModelTrainingActivities.class, withSettings().withoutAnnotations());
        Worker worker = env.newWorker(TaskQueues.GPU);
        worker.registerWorkflowImplementationTypes(ModelTrainingWorkflowImpl.class);
        worker.registerActivitiesImplementations(training);
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void everyKindIsTrainedInOrderAndOnlyBetterCandidatesArePromoted() {
        when(training.trainCandidate(ModelKind.SIZE)).thenReturn(report(ModelKind.SIZE, 4, 3, true));
        when(training.trainCandidate(ModelKind.FIT)).thenReturn(report(ModelKind.FIT, 2, 1, false));
        when(training.trainCandidate(ModelKind.RETURN_RISK)).thenReturn(report(ModelKind.RETURN_RISK, 1, null, true));
        when(training.promote(any(), anyInt(), any())).thenReturn(true);

        List<CandidateReport> reports = workflow().train(List.of());

        assertEquals(List.of(ModelKind.SIZE, ModelKind.FIT, ModelKind.RETURN_RISK),
                reports.stream().map(CandidateReport::kind).toList());
        InOrder steps = inOrder(training);
        steps.verify(training).trainCandidate(ModelKind.SIZE);
        steps.verify(training).promote(ModelKind.SIZE, 4, 3);
        steps.verify(training).trainCandidate(ModelKind.FIT);
        steps.verify(training).trainCandidate(ModelKind.RETURN_RISK);
        steps.verify(training).promote(ModelKind.RETURN_RISK, 1, null);
        verify(training, never()).promote(eq(ModelKind.FIT), anyInt(), any());
    }

    @Test
    void aCandidateIsNotPromotedOverAVersionPromotedMeanwhile() {
        when(training.trainCandidate(ModelKind.FIT)).thenReturn(report(ModelKind.FIT, 5, 4, true));
        when(training.promote(ModelKind.FIT, 5, 4)).thenReturn(false);

        CandidateReport report = workflow().train(List.of(ModelKind.FIT, ModelKind.FIT)).getFirst();

        assertFalse(report.better());
        assertTrue(report.decision().contains("another version was promoted"), report.decision());
        verify(training).trainCandidate(ModelKind.FIT);
    }

    @Test
    void tooLittleDataTrainsNothingAndPromotesNothing() {
        when(training.trainCandidate(ModelKind.RETURN_RISK)).thenReturn(new CandidateReport(ModelKind.RETURN_RISK, null,
                8, 2, null, null, null, false, "too little data to train: 2 held-out rows"));

        List<CandidateReport> reports = workflow().train(List.of(ModelKind.RETURN_RISK));

        assertEquals(1, reports.size());
        verify(training, never()).promote(any(), anyInt(), any());
    }

    private ModelTrainingWorkflow workflow() {
        return env.getWorkflowClient().newWorkflowStub(ModelTrainingWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("model-training-test").setTaskQueue(TaskQueues.GPU).build());
    }

    private static CandidateReport report(ModelKind kind, int version, Integer current, boolean better) {
        return new CandidateReport(kind, version, 800, 200, 1.0, current, current == null ? null : 1.1, better,
                better ? "beats" : "does not beat");
    }
}
