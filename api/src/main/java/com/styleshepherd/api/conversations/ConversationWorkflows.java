package com.styleshepherd.api.conversations;

import com.styleshepherd.temporal.LogContext;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.conversation.ConversationContext;
import com.styleshepherd.workflows.conversation.ConversationStart;
import com.styleshepherd.workflows.conversation.ConversationWorkflow;
import com.styleshepherd.workflows.conversation.TurnInput;
import com.styleshepherd.workflows.conversation.TurnResult;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** How the api talks to conversation workflows: start, turn (Update), query, end (signal). */
@Singleton
class ConversationWorkflows {

    private final WorkflowClient client;

    ConversationWorkflows(WorkflowClient client) {
        this.client = client;
    }

    /** Starts the conversation's workflow; false when it already runs (a retried start). */
    boolean start(ConversationStart start) {
        ConversationWorkflow workflow = client.newWorkflowStub(ConversationWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationWorkflow.workflowId(start.conversationId()))
                .setTaskQueue(TaskQueues.CONVERSATION)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        try (var ignored = LogContext.with(Map.of(LogContext.USER_ID, start.userId()))) {
            WorkflowClient.start(workflow::converse, start);
            return true;
        } catch (WorkflowExecutionAlreadyStarted already) {
            return false;
        }
    }

    /**
     * Sends the turn and waits for its answer. The Update id is the turn id, so a request retried while
     * the first is still being answered joins it instead of asking twice.
     */
    TurnResult turn(String workflowId, TurnInput input) {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        return stub.startUpdate(UpdateOptions.newBuilder(TurnResult.class)
                        .setUpdateName("turn")
                        .setUpdateId(input.turnId().toString())
                        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                        .build(), input)
                .getResult();
    }

    /** The live context, from the workflow itself; empty when the workflow has closed. */
    Optional<ConversationContext> context(String workflowId) {
        try {
            var state = client.newWorkflowStub(ConversationWorkflow.class, workflowId).state();
            return state.ended() ? Optional.empty() : Optional.of(state.context());
        } catch (WorkflowException closedOrGone) {
            // Closed (a query on a finished run can fail), not found, or Temporal unreachable: no live context.
            return Optional.empty();
        }
    }

    /** Asks the conversation to end after any turn in progress; false when it had already closed. */
    boolean end(String workflowId) {
        try {
            client.newWorkflowStub(ConversationWorkflow.class, workflowId).end("shopper");
            return true;
        } catch (io.temporal.client.WorkflowNotFoundException closed) {
            return false;
        }
    }

    static UUID turnId(UUID conversationId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((conversationId + "/" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
