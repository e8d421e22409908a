package com.styleshepherd.workflows.conversation;

import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import com.styleshepherd.workflows.conversation.TurnOutcome.Result;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * The stylist's side of a conversation. The workflow method only waits: for turns (Updates, handled one
 * at a time under a lock), for the end, for the idle timeout, or for enough turns to continue as new.
 * Each turn runs transcribe → understand → act → reply → speak → record as separate activities, each with
 * its own retry policy (understand, reply and record as local activities); a step that stays unavailable makes
 * the turn apologise instead of failing it.
 */
public class ConversationWorkflowImpl implements ConversationWorkflow {

    private static final Logger LOG = Workflow.getLogger(ConversationWorkflowImpl.class);
    /** Turn results kept for answering a repeated turn id within this run. */
    private static final int REMEMBERED_TURNS = 20;

    private static RetryOptions retries(int maxAttempts) {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(200))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(5))
                .setMaximumAttempts(maxAttempts)
                .build();
    }

    /**
     * Language, as local activities: run by this worker in the workflow task that needs them and recorded
     * as markers, with no round trip through the server and no task queue; the rule-based stylist answers
     * in microseconds, the chat model in about a second. Its client retries itself (backoff and jitter),
     * so two attempts here.
     */
    private final StylistActivities stylist = Workflow.newLocalActivityStub(StylistActivities.class,
            LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setScheduleToCloseTimeout(Duration.ofSeconds(45))
                    .setRetryOptions(retries(2))
                    .build());

    /** Searches and memories on the GPU pool: a shopper waits for these, so a few quick tries only. */
    private final DiscoveryActivities discovery = Workflow.newActivityStub(DiscoveryActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.GPU)
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setScheduleToCloseTimeout(Duration.ofSeconds(20))
                    .setRetryOptions(retries(3))
                    .build());

    private final SizeAdviceActivities sizing = Workflow.newActivityStub(SizeAdviceActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.GPU)
                    .setStartToCloseTimeout(Duration.ofSeconds(5))
                    .setScheduleToCloseTimeout(Duration.ofSeconds(15))
                    .setRetryOptions(retries(3))
                    .build());

    /** Speech models: a long clip takes seconds on a CPU; two tries, then the turn goes on without audio. */
    private final SpeechActivities speech = Workflow.newActivityStub(SpeechActivities.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.GPU)
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setScheduleToCloseTimeout(Duration.ofSeconds(60))
                    .setRetryOptions(retries(2))
                    .build());

    /** Database reads and the checkout's opening: idempotent, so retried for up to half a minute. */
    private final ShopperActivities shop = Workflow.newActivityStub(ShopperActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setScheduleToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(retries(5))
                    .build());

    /**
     * The transcript and the end of the conversation must not be lost: retried until they succeed. A local
     * activity (a few milliseconds of PostgreSQL and Valkey, idempotent by turn id, so running it again
     * after a crash is harmless): one server round trip less per turn.
     */
    private final ShopperActivities record = Workflow.newLocalActivityStub(ShopperActivities.class,
            LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofMillis(200))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(Duration.ofSeconds(30))
                            .build())
                    .build());

    private final WorkflowLock turnLock = Workflow.newWorkflowLock();
    private final Map<UUID, TurnResult> answered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, TurnResult> eldest) {
            return size() > REMEMBERED_TURNS;
        }
    };

    private final ConversationStart start;
    private ConversationContext context;
    private int turns;
    private int turnsThisRun;
    /** Turns begun in this run, finished or not: the idle timer restarts on each. */
    private int turnsBegun;
    private boolean ended;
    private String endReason;

    /**
     * Sets the state up before any handler runs: a turn sent right after the start may be delivered in the
     * run's first workflow task, and its Update handler then runs before {@link #converse}'s body.
     */
    @WorkflowInit
    public ConversationWorkflowImpl(ConversationStart start) {
        this.start = start;
        this.context = start.context();
        this.turns = start.turnsBefore();
    }

    @Override
    public ConversationSummary converse(ConversationStart start) {
        ConversationPolicy policy = start.policy();
        while (!ended) {
            int seen = turnsBegun;
            boolean active = Workflow.await(policy.idleTimeout(), () -> ended || turnsBegun != seen);
            if (!active) {
                ended = true;
                endReason = "idle";
                LOG.info("Conversation idle for {}: ending", policy.idleTimeout());
            } else if (!ended && (turnsThisRun >= policy.turnsPerRun() || Workflow.getInfo().isContinueAsNewSuggested())) {
                // No turn may be cut in half: continue only between turns, carrying everything they left.
                Workflow.await(Workflow::isEveryHandlerFinished);
                if (!ended) {
                    LOG.info("Continuing as new after {} turns", turns);
                    Workflow.continueAsNew(new ConversationStart(start.conversationId(), start.userId(),
                            start.wallet(), policy, context, turns));
                }
            }
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        record.closeConversation(start.conversationId(), turns, endReason);
        return new ConversationSummary(start.conversationId(), turns, endReason);
    }

    @Override
    public void validateTurn(TurnInput input) {
        if (ended) {
            throw new IllegalStateException("The conversation has ended");
        }
        boolean hasText = input.text() != null && !input.text().isBlank();
        if (hasText == (input.audio() != null)) {
            throw new IllegalArgumentException("A turn needs text or audio, not both");
        }
    }

    @Override
    public TurnResult turn(TurnInput input) {
        turnsBegun++;
        turnLock.lock();
        try {
            TurnResult earlier = answered.get(input.turnId());
            if (earlier != null) {
                return earlier;
            }
            if (ended) {
                // Queued behind the turn that ended the conversation.
                throw new IllegalStateException("The conversation has ended");
            }
            TurnResult result = answer(input);
            answered.put(input.turnId(), result);
            return result;
        } finally {
            turnLock.unlock();
        }
    }

    @Override
    public ConversationState state() {
        return new ConversationState(start.conversationId(), start.userId(), ended, endReason, turns, context);
    }

    @Override
    public void end(String reason) {
        if (!ended) {
            ended = true;
            endReason = reason == null || reason.isBlank() ? "shopper" : reason;
        }
    }

    private TurnResult answer(TurnInput input) {
        int number = ++turns;
        turnsThisRun++;
        String text = input.text();
        Understanding understanding;
        TurnOutcome outcome;
        if (text == null) {
            text = transcribe(input.audio());
        }
        if (text == null) {
            understanding = new Understanding(Intent.UNKNOWN, Entities.NONE, "none");
            outcome = TurnOutcome.of(Result.UNAVAILABLE, context.cart());
            text = "";
        } else if (text.isBlank()) {
            understanding = new Understanding(Intent.UNKNOWN, Entities.NONE, "none");
            outcome = TurnOutcome.of(Result.NOT_UNDERSTOOD, context.cart());
        } else {
            understanding = understand(text);
            outcome = act(input.turnId(), understanding);
        }
        String reply = reply(text, understanding, outcome);
        AudioClip audio = input.speak() ? speak(reply, AudioClip.replyKey(start.conversationId(), input.turnId())) : null;
        if (understanding.intent() == Intent.GOODBYE) {
            end("shopper");
        }
        UUID checkoutId = outcome.checkout() != null && outcome.checkout().status() == CheckoutPlan.Status.OPENED
                ? outcome.checkout().request().checkoutId()
                : null;
        TurnResult result = new TurnResult(input.turnId(), number, text, understanding, reply,
                outcome.matches().products(), context.cart(), checkoutId, audio, ended);
        String sizedBy = outcome.sizeAdvice() == null ? null
                : outcome.sizeAdvice().sources().isEmpty() ? "none" : String.join(", ", outcome.sizeAdvice().sources());
        record.recordTurn(new TurnRecord(start.conversationId(), start.userId(), input.audio() != null, result, context,
                sizedBy));
        return result;
    }

    private String transcribe(AudioClip clip) {
        try {
            return speech.transcribe(clip);
        } catch (ActivityFailure unavailable) {
            LOG.warn("Speech-to-text unavailable: {}", unavailable.getMessage());
            return null;
        }
    }

    private Understanding understand(String text) {
        try {
            return stylist.understand(text, DialogueState.of(context));
        } catch (ActivityFailure unavailable) {
            LOG.warn("Understanding unavailable: {}", unavailable.getMessage());
            return new Understanding(Intent.UNKNOWN, Entities.NONE, "none");
        }
    }

    private String reply(String text, Understanding understanding, TurnOutcome outcome) {
        try {
            return stylist.compose(new ReplyRequest(start.userId(), text, understanding, outcome, context.slots()));
        } catch (ActivityFailure unavailable) {
            LOG.warn("Reply unavailable: {}", unavailable.getMessage());
            return "Sorry, I'm having trouble answering right now. Could you say that again in a moment?";
        }
    }

    private AudioClip speak(String reply, String clipKey) {
        try {
            return speech.synthesize(reply, clipKey);
        } catch (ActivityFailure unavailable) {
            LOG.warn("Text-to-speech unavailable, answering in text only: {}", unavailable.getMessage());
            return null;
        }
    }

    /** The action of the turn's intent; context changes are made here, in the workflow. */
    private TurnOutcome act(UUID turnId, Understanding understanding) {
        Entities e = understanding.entities();
        try {
            return switch (understanding.intent()) {
                case SEARCH -> search(SearchSlots.of(e));
                case REFINE -> search(context.lastResults().isEmpty() && context.slots().equals(SearchSlots.EMPTY)
                        ? SearchSlots.of(e)
                        : Dialogue.refine(context, e));
                case RECOMMEND -> recommend(e);
                case SIZE_ADVICE -> adviseSize(e);
                case ADD_TO_CART -> addToCart(e);
                case REMOVE_FROM_CART -> removeFromCart(e);
                case SHOW_CART -> TurnOutcome.of(context.cart().isEmpty() ? Result.CART_EMPTY : Result.DONE, context.cart());
                case CHECKOUT -> checkout(turnId);
                case ORDER_STATUS -> orderStatus();
                case START_RETURN -> startReturn(e);
                case REMEMBER_PREFERENCE -> remember(e);
                case GREETING, HELP, GOODBYE -> TurnOutcome.of(Result.DONE, context.cart());
                case UNKNOWN -> TurnOutcome.of(Result.NOT_UNDERSTOOD, context.cart());
            };
        } catch (ActivityFailure unavailable) {
            LOG.warn("{} unavailable: {}", understanding.intent(), unavailable.getMessage());
            return TurnOutcome.of(Result.UNAVAILABLE, context.cart());
        }
    }

    private TurnOutcome search(SearchSlots slots) {
        ProductMatches matches = discovery.findProducts(start.userId(), slots, start.policy().resultsPerSearch());
        if (matches.products().isEmpty()) {
            // Keep what was shown: "cheaper ones" again should not compound a search that found nothing.
            return TurnOutcome.of(Result.NOTHING_FOUND, context.cart()).withMatches(matches);
        }
        context = context.withResults(matches.products(), slots);
        return TurnOutcome.of(Result.DONE, context.cart()).withMatches(matches);
    }

    private TurnOutcome recommend(Entities e) {
        ProductMatches matches = discovery.recommend(start.userId(), e.occasion(), e.maxPrice(),
                start.policy().resultsPerSearch());
        if (matches.products().isEmpty()) {
            return TurnOutcome.of(Result.NOTHING_FOUND, context.cart()).withMatches(matches);
        }
        context = context.withResults(matches.products(), SearchSlots.of(e));
        return TurnOutcome.of(Result.DONE, context.cart()).withMatches(matches);
    }

    private TurnOutcome adviseSize(Entities e) {
        Optional<ShownProduct> product = Dialogue.referredProduct(context, e);
        if (product.isEmpty()) {
            return TurnOutcome.of(Result.WHICH_PRODUCT, context.cart());
        }
        SizeAdvice advice = sizing.adviseSize(start.userId(), product.get().productId());
        context = context.withFocus(product.get().productId(), false);
        return TurnOutcome.of(Result.DONE, context.cart()).about(product.get(), advice.size()).withSizeAdvice(advice);
    }

    private TurnOutcome addToCart(Entities e) {
        Optional<ShownProduct> product = Dialogue.referredProduct(context, e);
        if (product.isEmpty()) {
            return TurnOutcome.of(Result.WHICH_PRODUCT, context.cart());
        }
        ShownProduct chosen = product.get();
        Optional<String> size = Dialogue.sizeToAdd(chosen, e);
        if (size.isEmpty()) {
            context = context.withFocus(chosen.productId(), true);
            return TurnOutcome.of(Result.WHICH_SIZE, context.cart()).about(chosen, null);
        }
        if (!Dialogue.inStock(chosen, size.get())) {
            context = context.withFocus(chosen.productId(), false);
            return TurnOutcome.of(Result.SIZE_UNAVAILABLE, context.cart()).about(chosen, size.get());
        }
        int quantity = e.quantity() == null ? 1 : Math.max(1, Math.min(20, e.quantity()));
        context = context.withCart(Dialogue.add(context.cart(), chosen, size.get(), quantity), chosen.productId());
        return TurnOutcome.of(Result.DONE, context.cart()).about(chosen, size.get());
    }

    private TurnOutcome removeFromCart(Entities e) {
        if (context.cart().isEmpty()) {
            return TurnOutcome.of(Result.CART_EMPTY, context.cart());
        }
        Optional<CartItem> line = Dialogue.referredCartItem(context, e);
        if (line.isEmpty()) {
            return TurnOutcome.of(Result.WHICH_PRODUCT, context.cart());
        }
        CartItem removed = line.get();
        context = context.withCart(Dialogue.remove(context.cart(), removed), null);
        return TurnOutcome.of(Result.DONE, context.cart()).about(removed.asShown(), removed.size());
    }

    private TurnOutcome checkout(UUID turnId) {
        if (context.cart().isEmpty()) {
            return TurnOutcome.of(Result.CART_EMPTY, context.cart());
        }
        if (start.wallet() == null) {
            return TurnOutcome.of(Result.NO_WALLET, context.cart());
        }
        CheckoutPlan plan = shop.openCheckout(new CheckoutOpening(start.conversationId(), turnId, start.userId(),
                context.cart(), start.wallet(), start.policy().checkout()));
        if (plan.status() != CheckoutPlan.Status.OPENED) {
            return TurnOutcome.of(plan.status() == CheckoutPlan.Status.OUT_OF_STOCK ? Result.OUT_OF_STOCK
                    : Result.UNAVAILABLE, context.cart()).withCheckout(plan);
        }
        startCheckout(plan);
        List<CartItem> bought = context.cart();
        context = context.withCart(List.of(), null);
        return TurnOutcome.of(Result.DONE, bought).withCheckout(plan);
    }

    /**
     * Starts the checkout as a child that outlives the conversation (ABANDON): a conversation that ends or
     * continues as new must not cancel a payment in flight. Its id is the checkout's, so a replayed start
     * finds the running checkout instead of starting a second.
     */
    private void startCheckout(CheckoutPlan plan) {
        CheckoutWorkflow child = Workflow.newChildWorkflowStub(CheckoutWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(plan.workflowId())
                .setTaskQueue(TaskQueues.CHECKOUT)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        Async.function(child::checkout, plan.request());
        try {
            Workflow.getWorkflowExecution(child).get();
            LOG.info("Checkout {} started as {}", plan.request().checkoutId(), plan.workflowId());
        } catch (ChildWorkflowFailure alreadyStarted) {
            LOG.info("Checkout {} was already started: {}", plan.workflowId(), alreadyStarted.getMessage());
        }
    }

    private TurnOutcome orderStatus() {
        OrderSummary order = shop.latestOrder(start.userId());
        if (order == null) {
            return TurnOutcome.of(Result.NO_ORDERS, context.cart());
        }
        return TurnOutcome.of(Result.DONE, context.cart()).withOrder(order);
    }

    private TurnOutcome startReturn(Entities e) {
        ReturnOutcome outcome = shop.startReturn(new ReturnAsk(start.userId(), e.itemNumber(), e.category(), e.colour(),
                e.returnReason()));
        Result result = outcome.returnId() != null ? Result.DONE
                : outcome.item() == null && outcome.problem() == null ? Result.NO_ORDERS : Result.RETURN_REFUSED;
        return TurnOutcome.of(result, context.cart()).withReturn(outcome);
    }

    private TurnOutcome remember(Entities e) {
        if (e.preference() == null || e.preference().isBlank()) {
            return TurnOutcome.of(Result.NOT_UNDERSTOOD, context.cart());
        }
        discovery.rememberPreference(start.userId(), e.preference());
        return TurnOutcome.of(Result.DONE, context.cart());
    }
}
