package com.styleshepherd.api.conversations;

import com.styleshepherd.temporal.CallDeadline;
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
import io.temporal.client.WorkflowUpdateStage;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How the api talks to conversation workflows: start, turn (Update), query, end (signal). */
@Singleton
class ConversationWorkflows {

    private final WorkflowClient client;
    private final CallDeadline deadline;
    /** Turns being answered, by turn id: concurrent requests for one turn wait on one call. */
    private final ConcurrentMap<UUID, CompletableFuture<TurnResult>> inFlight = new ConcurrentHashMap<>();
    /** The Update calls block until the answer: one virtual thread each, outliving a request that gave up. */
    private final ExecutorService waiting = Executors.newVirtualThreadPerTaskExecutor();

    ConversationWorkflows(WorkflowClient client, CallDeadline deadline) {
        this.client = client;
        this.deadline = deadline;
    }

    /** Starts the conversation's workflow; false when it already runs (a retried start). */
    boolean start(ConversationStart start) {
        ConversationWorkflow workflow = client.newWorkflowStub(ConversationWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationWorkflow.workflowId(start.conversationId()))
                .setTaskQueue(TaskQueues.CONVERSATION)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        try (var ignored = LogContext.with(Map.of(LogContext.USER_ID, start.userId()))) {
            deadline.within(() -> WorkflowClient.start(workflow::converse, start));
            return true;
        } catch (WorkflowExecutionAlreadyStarted already) {
            return false;
        }
    }

    /**
     * Sends the turn and waits for its answer, for at most {@code timeout}. The Update id is the turn id,
     * so a request retried while the first is still being answered joins it instead of asking twice; in
     * this process the two requests share one waiting call.
     *
     * @throws TimeoutException when no answer came in time: the turn goes on, and a retry joins it
     * @throws WorkflowException when the turn was refused, the conversation is closed, or Temporal failed
     */
    TurnResult turn(String workflowId, TurnInput input, Duration timeout) throws TimeoutException {
        UUID turnId = input.turnId();
        CompletableFuture<TurnResult> created = new CompletableFuture<>();
        CompletableFuture<TurnResult> answer = inFlight.putIfAbsent(turnId, created);
        if (answer == null) {
            answer = created;
            // The request's ids travel with the Update (LogContextPropagator) from the waiting thread too.
            Map<String, String> ids = LogContext.current();
            CompletableFuture<TurnResult> delivery;
            try {
                delivery = CompletableFuture.supplyAsync(() -> {
                    try (var ignored = LogContext.with(ids)) {
                        return deliver(workflowId, input);
                    }
                }, waiting);
            } catch (RejectedExecutionException shuttingDown) {
                inFlight.remove(turnId, created);
                throw shuttingDown;
            }
            delivery.whenComplete((result, failure) -> {
                // Out of the map first: a request after this one asks again (and is answered from the transcript).
                inFlight.remove(turnId, created);
                if (failure == null) {
                    created.complete(result);
                } else {
                    created.completeExceptionally(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
                }
            });
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for turn " + turnId, e);
        }
    }

    /** The blocking Update call: returns once the workflow has answered the turn. */
    private TurnResult deliver(String workflowId, TurnInput input) {
        return client.newUntypedWorkflowStub(workflowId).startUpdate(UpdateOptions.newBuilder(TurnResult.class)
                        .setUpdateName("turn")
                        .setUpdateId(input.turnId().toString())
                        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                        .build(), input)
                .getResult();
    }

    @PreDestroy
    void close() {
        waiting.shutdownNow();
    }

    /** The live context, from the workflow itself; empty when the workflow has closed. */
    Optional<ConversationContext> context(String workflowId) {
        try {
            var state = deadline.within(client.newWorkflowStub(ConversationWorkflow.class, workflowId)::state);
            return state.ended() ? Optional.empty() : Optional.of(state.context());
        } catch (WorkflowException closedOrGone) {
            // Closed (a query on a finished run can fail), not found, or Temporal unreachable: no live context.
            return Optional.empty();
        }
    }

    /** Asks the conversation to end after any turn in progress; false when it had already closed. */
    boolean end(String workflowId) {
        try {
            deadline.within(() -> client.newWorkflowStub(ConversationWorkflow.class, workflowId).end("shopper"));
            return true;
        } catch (io.temporal.client.WorkflowNotFoundException closed) {
            return false;
        }
    }

    static UUID turnId(UUID conversationId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((conversationId + "/" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
