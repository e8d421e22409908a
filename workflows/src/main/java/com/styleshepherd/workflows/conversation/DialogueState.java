package com.styleshepherd.workflows.conversation;

/**
 * The little the understanding step needs to know of the conversation to read a follow-up: "in navy"
 * after a search refines it; "add it" needs something shown.
 */
public record DialogueState(boolean hasResults, boolean hasCart, String lastCategory, boolean awaitingSize) {

    public static final DialogueState NEW = new DialogueState(false, false, null, false);

    public static DialogueState of(ConversationContext context) {
        return new DialogueState(!context.lastResults().isEmpty(), !context.cart().isEmpty(), context.slots().category(),
                context.awaitingSize());
    }
}
