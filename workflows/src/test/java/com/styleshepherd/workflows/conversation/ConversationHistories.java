package com.styleshepherd.workflows.conversation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.styleshepherd.workflows.RecordingEngine;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.CheckoutPolicy;
import com.styleshepherd.workflows.checkout.CheckoutRequest;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import com.styleshepherd.workflows.checkout.PricedCart;
import com.styleshepherd.workflows.checkout.PricedLine;
import com.styleshepherd.workflows.checkout.Purchase;
import com.styleshepherd.workflows.checkout.ShippingAddress;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Records a conversation's history (a search, "the first one in M", size advice, "buy it", goodbye) into
 * {@code src/test/resources/histories/conversation}, for {@link ConversationReplayTest}, on a real
 * Temporal server: {@code scripts/record-histories.sh} after a deliberate, versioned change (keep the
 * older files; see docs/operations.md). Its {@code main} takes the file prefix and, optionally,
 * {@code --target host:port}; without a target it records on the test server.
 */
public final class ConversationHistories {

    static final Path DIRECTORY = Path.of("src/test/resources/histories/conversation");

    private ConversationHistories() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args.length > 0 && !args[0].startsWith("--") ? args[0] : "current";
        Files.createDirectories(DIRECTORY);
        try (RecordingEngine engine = RecordingEngine.from(args)) {
            Files.writeString(DIRECTORY.resolve(prefix + "-dialogue.json"), record(engine));
        }
        System.out.println("recorded " + prefix + "-dialogue");
    }

    /** One conversation, run to its end with stand-in activities; its history as JSON. */
    static String record(RecordingEngine env) {
        StylistActivities stylist = mock(StylistActivities.class, withSettings().withoutAnnotations());
        DiscoveryActivities discovery = mock(DiscoveryActivities.class, withSettings().withoutAnnotations());
        SizeAdviceActivities sizing = mock(SizeAdviceActivities.class, withSettings().withoutAnnotations());
        ShopperActivities shop = mock(ShopperActivities.class, withSettings().withoutAnnotations());
        Worker conversation = env.newWorker(TaskQueues.CONVERSATION);
        conversation.registerWorkflowImplementationTypes(ConversationWorkflowImpl.class);
        conversation.registerActivitiesImplementations(stylist, shop);
        env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(discovery, sizing,
                mock(SpeechActivities.class, withSettings().withoutAnnotations()));
        ShownProduct dress = new ShownProduct(7, "Lilac Wrap Dress", "dresses", "lilac", new BigDecimal("60.00"),
                "USD", List.of("S", "M"), null);
        when(stylist.compose(any())).thenReturn("ok");
        when(stylist.understand(eq("lilac dresses"), any())).thenReturn(new Understanding(Intent.SEARCH,
                Entities.builder().colour("lilac").category("dresses").build(), "rules"));
        when(stylist.understand(eq("the first one in M"), any())).thenReturn(new Understanding(Intent.ADD_TO_CART,
                Entities.builder().size("M").itemNumber(1).build(), "rules"));
        when(stylist.understand(eq("what size should I get"), any())).thenReturn(new Understanding(Intent.SIZE_ADVICE,
                Entities.NONE, "rules"));
        when(stylist.understand(eq("buy it"), any())).thenReturn(new Understanding(Intent.CHECKOUT, Entities.NONE,
                "rules"));
        Wallet wallet = new Wallet("pm_card_visa", new ShippingAddress("Ada Lovelace", "1 Loom St", "London", "N1 9GU",
                "GB"));
        PricedCart cart = new PricedCart(List.of(new PricedLine(1, 7, 71, "SS-DRS-0007", "Lilac Wrap Dress", "dresses",
                "M", 1, new BigDecimal("60.00"), new BigDecimal("60.00"))), new BigDecimal("60.00"),
                new BigDecimal("60.00"), "USD");
        UUID checkoutId = UUID.nameUUIDFromBytes("recorded-checkout".getBytes());
        // The checkout child is started, not run: no worker polls the checkout queue here.
        when(shop.openCheckout(any())).thenReturn(new CheckoutPlan(CheckoutPlan.Status.OPENED,
                new CheckoutRequest(checkoutId, "ada", new Purchase(List.of(new CartLine(7, "M", 1)),
                        wallet.paymentMethod(), wallet.shippingAddress()), CheckoutPolicy.DEFAULT, cart),
                CheckoutWorkflow.workflowId("recorded-" + checkoutId), cart.total(), cart.currency(), null));
        when(stylist.understand(eq("bye"), any())).thenReturn(new Understanding(Intent.GOODBYE, Entities.NONE, "rules"));
        when(discovery.findProducts(anyString(), any(), anyInt())).thenReturn(new ProductMatches(List.of(dress), List.of()));
        when(sizing.adviseSize(anyString(), eq(7L))).thenReturn(new SizeAdvice(7, "M", "your usual size in dresses"));
        env.start();

        UUID conversationId = UUID.nameUUIDFromBytes("recorded-conversation".getBytes());
        WorkflowClient client = env.client();
        ConversationWorkflow workflow = client.newWorkflowStub(ConversationWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationWorkflow.workflowId(conversationId))
                .setTaskQueue(TaskQueues.CONVERSATION).build());
        WorkflowClient.start(workflow::converse, ConversationStart.fresh(conversationId, "ada", wallet,
                new ConversationPolicy(Duration.ofMinutes(30), 50, 5, CheckoutPolicy.DEFAULT)));
        WorkflowStub run = WorkflowStub.fromTyped(workflow);
        for (String said : List.of("lilac dresses", "the first one in M", "what size should I get", "buy it",
                "bye")) {
            UUID turnId = UUID.nameUUIDFromBytes(said.getBytes());
            run.startUpdate(UpdateOptions.newBuilder(TurnResult.class).setUpdateName("turn")
                    .setUpdateId(turnId.toString()).setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                    new TurnInput(turnId, said, null, false)).getResult();
        }
        run.getResult(ConversationSummary.class);
        return client.fetchHistory(ConversationWorkflow.workflowId(conversationId)).toJson(true);
    }
}
