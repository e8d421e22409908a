package com.styleshepherd.workflows.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation's orchestration in Temporal's test environment (time skips while waiting), with the
 * activities mocked: idle end, continue-as-new carrying the context, a repeated turn id, a refused turn,
 * and a step that stays down making the turn apologise instead of failing.
 */
class ConversationWorkflowTest {

    private static final ConversationPolicy POLICY =
            new ConversationPolicy(Duration.ofMinutes(30), 3, 5, CheckoutPolicy.DEFAULT);
    private static final ShownProduct DRESS = new ShownProduct(7, "Lilac Wrap Dress", "dresses", "lilac",
            new BigDecimal("60.00"), "USD", List.of("S", "M"), null);

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private StylistActivities stylist;
    private DiscoveryActivities discovery;
    private ShopperActivities shop;
    private final UUID conversationId = UUID.randomUUID();

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        stylist = mock(StylistActivities.class, withSettings().withoutAnnotations());
        discovery = mock(DiscoveryActivities.class, withSettings().withoutAnnotations());
        shop = mock(ShopperActivities.class, withSettings().withoutAnnotations());
        Worker conversation = env.newWorker(TaskQueues.CONVERSATION);
        conversation.registerWorkflowImplementationTypes(ConversationWorkflowImpl.class);
        conversation.registerActivitiesImplementations(stylist, shop);
        env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(discovery,
                mock(SizeAdviceActivities.class, withSettings().withoutAnnotations()),
                mock(SpeechActivities.class, withSettings().withoutAnnotations()));
        client = env.getWorkflowClient();
        env.start();
        when(stylist.compose(any())).thenReturn("ok");
        when(stylist.understand(eq("lilac dresses"), any())).thenReturn(new Understanding(Intent.SEARCH,
                Entities.builder().colour("lilac").category("dresses").build(), "rules"));
        when(stylist.understand(eq("the first one in M"), any())).thenReturn(new Understanding(Intent.ADD_TO_CART,
                Entities.builder().size("M").itemNumber(1).build(), "rules"));
        when(discovery.findProducts(anyString(), any(), anyInt())).thenReturn(new ProductMatches(List.of(DRESS), List.of()));
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void anIdleConversationEnds() {
        WorkflowStub run = begin();
        turn(run, "lilac dresses");

        env.sleep(Duration.ofMinutes(31));

        ConversationSummary summary = run.getResult(ConversationSummary.class);
        assertEquals("idle", summary.endReason());
        assertEquals(1, summary.turns());
        verify(shop).closeConversation(conversationId, 1, "idle");
    }

    @Test
    void continuesAsNewCarryingTheCartAndTheResults() {
        WorkflowStub run = begin();
        String firstRun = run.getExecution().getRunId();
        turn(run, "lilac dresses");
        turn(run, "the first one in M");
        turn(run, "lilac dresses");
        // Three turns per run: the next turn lands in a new run that still knows the cart and what was shown.
        WorkflowStub latest = client.newUntypedWorkflowStub(ConversationWorkflow.workflowId(conversationId));
        TurnResult fourth = turn(latest, "the first one in M");

        assertEquals(4, fourth.number());
        assertEquals(1, fourth.cart().size());
        assertEquals(2, fourth.cart().getFirst().quantity(), "the same dress and size again: one line, two units");
        ConversationState state = client.newWorkflowStub(ConversationWorkflow.class,
                ConversationWorkflow.workflowId(conversationId)).state();
        assertEquals(4, state.turns());
        assertNotEquals(firstRun, describeRunId(), "a new run");
        verify(shop, times(4)).recordTurn(any());
    }

    @Test
    void aRepeatedTurnIdIsAnsweredOnceAndATurnAfterTheEndIsRefused() {
        WorkflowStub run = begin();
        UUID turnId = UUID.randomUUID();
        TurnResult first = turn(run, turnId, "lilac dresses");
        TurnResult again = turn(run, turnId, "lilac dresses");
        assertEquals(first, again);
        verify(discovery, times(1)).findProducts(anyString(), any(), anyInt());

        client.newWorkflowStub(ConversationWorkflow.class, ConversationWorkflow.workflowId(conversationId)).end("shopper");
        assertEquals("shopper", run.getResult(ConversationSummary.class).endReason());
        assertThrows(RuntimeException.class, () -> turn(run, UUID.randomUUID(), "lilac dresses"));
    }

    @Test
    void aStepThatStaysDownMakesTheTurnApologise() {
        when(discovery.findProducts(anyString(), any(), anyInt()))
                .thenThrow(ApplicationFailure.newNonRetryableFailure("index down", "UNAVAILABLE"));
        when(stylist.compose(any())).thenAnswer(call -> ((ReplyRequest) call.getArgument(0)).outcome().result().name());
        WorkflowStub run = begin();

        TurnResult result = turn(run, "lilac dresses");

        assertEquals("UNAVAILABLE", result.reply());
        assertEquals(List.of(), result.products());
        assertThrows(WorkflowUpdateException.class, () -> run.startUpdate(UpdateOptions.newBuilder(TurnResult.class)
                .setUpdateName("turn").setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new TurnInput(UUID.randomUUID(), " ", null, false)).getResult(), "a blank turn is refused by the validator");
    }

    private WorkflowStub begin() {
        ConversationWorkflow workflow = client.newWorkflowStub(ConversationWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationWorkflow.workflowId(conversationId)).setTaskQueue(TaskQueues.CONVERSATION).build());
        WorkflowClient.start(workflow::converse, ConversationStart.fresh(conversationId, "ada", null, POLICY));
        return WorkflowStub.fromTyped(workflow);
    }

    private TurnResult turn(WorkflowStub run, String text) {
        return turn(run, UUID.randomUUID(), text);
    }

    private TurnResult turn(WorkflowStub run, UUID turnId, String text) {
        return run.startUpdate(UpdateOptions.newBuilder(TurnResult.class).setUpdateName("turn")
                .setUpdateId(turnId.toString()).setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new TurnInput(turnId, text, null, false)).getResult();
    }

    private String describeRunId() {
        return client.newUntypedWorkflowStub(ConversationWorkflow.workflowId(conversationId)).describe()
                .getExecution().getRunId();
    }
}
