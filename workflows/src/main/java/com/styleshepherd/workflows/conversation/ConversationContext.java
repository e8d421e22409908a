package com.styleshepherd.workflows.conversation;

import java.util.List;

/**
 * What the conversation remembers between turns. The workflow holds it (the durable source) and
 * carries it across continue-as-new; each turn also writes it to Valkey (1 h) for fast reads.
 *
 * @param lastResults the products shown last, in the order shown ("the second one" is index 1)
 * @param slots the product search in progress
 * @param cart the cart
 * @param focusProductId the product the shopper last talked about ("it", "that one"), or null
 * @param awaitingSize whether the stylist just asked which size of the focus product to add, so a bare
 *     "medium" answers it
 */
public record ConversationContext(
        List<ShownProduct> lastResults, SearchSlots slots, List<CartItem> cart, Long focusProductId,
        boolean awaitingSize) {

    public static final ConversationContext EMPTY =
            new ConversationContext(List.of(), SearchSlots.EMPTY, List.of(), null, false);

    public ConversationContext {
        lastResults = lastResults == null ? List.of() : List.copyOf(lastResults);
        slots = slots == null ? SearchSlots.EMPTY : slots;
        cart = cart == null ? List.of() : List.copyOf(cart);
    }

    /** New results shown: "it" no longer means an earlier product. */
    public ConversationContext withResults(List<ShownProduct> results, SearchSlots searched) {
        return new ConversationContext(results, searched, cart, results.size() == 1 ? results.getFirst().productId() : null,
                false);
    }

    public ConversationContext withCart(List<CartItem> newCart, Long focus) {
        return new ConversationContext(lastResults, slots, newCart, focus, false);
    }

    public ConversationContext withFocus(Long focus, boolean askedForSize) {
        return new ConversationContext(lastResults, slots, cart, focus, askedForSize);
    }

    /** A product shown or in the cart, by id. */
    public java.util.Optional<ShownProduct> shown(long productId) {
        return lastResults.stream().filter(p -> p.productId() == productId).findFirst();
    }
}
