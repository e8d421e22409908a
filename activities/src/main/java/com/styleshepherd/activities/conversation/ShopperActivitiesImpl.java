package com.styleshepherd.activities.conversation;

import com.styleshepherd.cache.ConversationContexts;
import com.styleshepherd.cache.SessionStore;
import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.store.checkout.CheckoutOpener;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.OrderBook;
import com.styleshepherd.store.checkout.OrderLineRecord;
import com.styleshepherd.store.checkout.OrderRecord;
import com.styleshepherd.store.conversation.ConversationStore;
import com.styleshepherd.workflows.checkout.CartLine;
import com.styleshepherd.workflows.checkout.Purchase;
import com.styleshepherd.workflows.conversation.CheckoutOpening;
import com.styleshepherd.workflows.conversation.CheckoutPlan;
import com.styleshepherd.workflows.conversation.OrderSummary;
import com.styleshepherd.workflows.conversation.ReturnAsk;
import com.styleshepherd.workflows.conversation.ReturnOutcome;
import com.styleshepherd.workflows.conversation.ShopperActivities;
import com.styleshepherd.workflows.conversation.TurnRecord;
import com.styleshepherd.workflows.order.OrderRequests;
import com.styleshepherd.workflows.order.OrderWorkflow;
import io.micronaut.data.model.Pageable;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The conversation's database and Valkey work. Every method is safe to retry. */
@Singleton
class ShopperActivitiesImpl implements ShopperActivities {

    private static final Logger LOG = LoggerFactory.getLogger(ShopperActivitiesImpl.class);

    private final CheckoutOpener opener;
    private final OrderBook orders;
    private final ConversationStore conversations;
    private final ConversationContexts contexts;
    private final SessionStore sessions;
    private final TaggedCache cache;
    private final WorkflowClient client;

    ShopperActivitiesImpl(CheckoutOpener opener, OrderBook orders, ConversationStore conversations,
            ConversationContexts contexts, SessionStore sessions, TaggedCache cache, WorkflowClient client) {
        this.opener = opener;
        this.orders = orders;
        this.conversations = conversations;
        this.contexts = contexts;
        this.sessions = sessions;
        this.cache = cache;
        this.client = client;
    }

    /**
     * The same rules as {@code POST /api/checkouts}: the cart is priced from the catalog, stock is checked
     * before anything is recorded, and the idempotency key (conversation + turn) gives one checkout however
     * often the turn is retried.
     */
    @Override
    public CheckoutPlan openCheckout(CheckoutOpening opening) {
        Purchase purchase = new Purchase(opening.cart().stream()
                .map(item -> new CartLine(item.productId(), item.size(), item.quantity())).toList(),
                opening.wallet().paymentMethod(), opening.wallet().shippingAddress());
        return switch (opener.open(opening.userId(), opening.idempotencyKey(), purchase)) {
            case CheckoutOpener.Opened opened -> {
                // One found by its key (the turn retried) has its totals on the row, and its workflow prices it.
                CheckoutRecord checkout = opened.checkout();
                LOG.info("Checkout opened from conversation {}: checkoutId={} total={} {}", opening.conversationId(),
                        checkout.id(), checkout.total(), checkout.currency());
                yield new CheckoutPlan(CheckoutPlan.Status.OPENED, checkout.toRequest(opening.policy(), opened.cart()),
                        checkout.workflowId(), checkout.total(), checkout.currency(), null);
            }
            case CheckoutOpener.Unavailable unavailable -> new CheckoutPlan(CheckoutPlan.Status.UNAVAILABLE, null, null,
                    null, null, opening.cart().get(unavailable.itemIndex()).name() + " is no longer sold");
            case CheckoutOpener.OutOfStock shortLine -> new CheckoutPlan(CheckoutPlan.Status.OUT_OF_STOCK, null, null,
                    shortLine.cart().total(), shortLine.cart().currency(),
                    "the " + shortLine.line().name() + " in " + shortLine.line().size());
        };
    }

    @Override
    public OrderSummary latestOrder(String userId) {
        return latest(userId).map(order -> new OrderSummary(order.id(), order.status(), order.createdAt(), order.total(),
                        order.currency(), order.lines().stream().map(l -> l.productName() + " (" + l.size() + ")").toList()))
                .orElse(null);
    }

    @Override
    public ReturnOutcome startReturn(ReturnAsk ask) {
        Optional<OrderRecord> latest = latest(ask.userId());
        if (latest.isEmpty()) {
            return new ReturnOutcome(null, null, ask.reason(), null);
        }
        OrderRecord order = latest.get();
        Optional<OrderLineRecord> line = line(order.lines(), ask);
        if (line.isEmpty()) {
            return new ReturnOutcome(null, null, ask.reason(), "which item? Your last order has "
                    + String.join(", ", order.lines().stream().map(OrderLineRecord::productName).toList()));
        }
        String reason = ask.reason() == null ? "OTHER" : ask.reason();
        String name = line.get().productName();
        // One id per line: a retried turn asks for the same return, and finds it made.
        UUID returnId = UUID.nameUUIDFromBytes(("return/" + line.get().id()).getBytes(StandardCharsets.UTF_8));
        OrderWorkflow workflow = client.newWorkflowStub(OrderWorkflow.class, OrderWorkflow.workflowId(order.id()));
        try {
            workflow.requestReturn(new OrderRequests.ReturnRequest(returnId, line.get().id(), line.get().quantity(),
                    reason, "Requested in conversation"));
        } catch (WorkflowUpdateException refused) {
            if (workflow.state().returns().stream().anyMatch(made -> made.returnId().equals(returnId))) {
                return new ReturnOutcome(returnId, name, reason, null);
            }
            String why = refused.getCause() instanceof ApplicationFailure failure ? failure.getOriginalMessage() : "";
            String problem = why.contains("only delivered") ? "your order is "
                    + order.status().toLowerCase(Locale.ROOT) + ", and only delivered orders can be returned"
                    : why.contains("has a return already") ? "the " + name + " already has a return"
                    : why.contains("return window") ? "the return window for that order has closed" : why;
            return new ReturnOutcome(null, name, reason, problem);
        } catch (WorkflowNotFoundException placedBeforeOrderWorkflows) {
            return noWorkflow(order, line.get(), reason);
        }
        cache.invalidateShopper(ask.userId());
        return new ReturnOutcome(returnId, name, reason, null);
    }

    /**
     * A return of an order without a running workflow: closed (its window with it), or placed before orders had one
     * and being adopted ({@code LegacyOrderAdoption}), after which the return can be asked again and moves money.
     */
    private static ReturnOutcome noWorkflow(OrderRecord order, OrderLineRecord line, String reason) {
        String problem = switch (order.status()) {
            case "DELIVERED" -> "your order is being moved onto our returns system: ask me again in a few minutes";
            case "COMPLETED" -> "the return window for that order has closed";
            default -> "your order is " + order.status().toLowerCase(Locale.ROOT)
                    + ", and only delivered orders can be returned";
        };
        return new ReturnOutcome(null, line.productName(), reason, problem);
    }

    private Optional<OrderRecord> latest(String userId) {
        return orders.listForUser(userId, null, Pageable.from(0, 1)).getContent().stream().findFirst();
    }

    /** The line asked for: by number, else by category or a colour in its name, else the only line. */
    private static Optional<OrderLineRecord> line(List<OrderLineRecord> lines, ReturnAsk ask) {
        if (ask.itemNumber() != null && ask.itemNumber() > 0) {
            return ask.itemNumber() <= lines.size() ? Optional.of(lines.get(ask.itemNumber() - 1)) : Optional.empty();
        }
        if (ask.category() != null || ask.colour() != null) {
            List<OrderLineRecord> matching = lines.stream()
                    .filter(l -> ask.category() == null || ask.category().equals(l.category()))
                    .filter(l -> ask.colour() == null || l.productName().toLowerCase(Locale.ROOT).contains(ask.colour()))
                    .toList();
            return matching.size() == 1 ? Optional.of(matching.getFirst()) : Optional.empty();
        }
        return lines.size() == 1 ? Optional.of(lines.getFirst()) : Optional.empty();
    }

    @Override
    public void recordTurn(TurnRecord turn) {
        conversations.recordTurn(turn);
        contexts.put(turn.conversationId(), turn.context());
        if (sessions.touch(turn.conversationId().toString()).isEmpty()) {
            // The session expired (or Valkey lost it) while the conversation lived on: open it again.
            sessions.open(turn.conversationId().toString(), turn.userId());
        }
    }

    @Override
    public void closeConversation(UUID conversationId, int turns, String endReason) {
        conversations.close(conversationId, turns, endReason);
        contexts.delete(conversationId);
        LOG.info("Conversation {} ended ({}) after {} turns", conversationId, endReason, turns);
    }
}
