package com.styleshepherd.workflows.conversation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * One conversation between a shopper and the stylist. Workflow id {@code conversation-{conversationId}},
 * task queue {@code conversation}. Each turn is an Update, so the caller gets the reply in the same
 * request; the conversation ends on goodbye, on {@link #end}, or after its idle timeout, and continues
 * as new every {@link ConversationPolicy#turnsPerRun()} turns.
 */
@WorkflowInterface
public interface ConversationWorkflow {

    static String workflowId(UUID conversationId) {
        return "conversation-" + conversationId;
    }

    @WorkflowMethod
    ConversationSummary converse(ConversationStart start);

    /** Answers one turn: transcribe → understand → act → reply → speak. Turns run one at a time. */
    @UpdateMethod
    TurnResult turn(TurnInput input);

    /** Refuses a turn once the conversation has ended, or one with neither text nor audio. */
    @UpdateValidatorMethod(updateName = "turn")
    void validateTurn(TurnInput input);

    @QueryMethod
    ConversationState state();

    /** Ends the conversation after any turn in progress. */
    @SignalMethod
    void end(String reason);
}
