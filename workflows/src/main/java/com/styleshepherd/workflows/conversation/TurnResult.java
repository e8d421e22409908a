package com.styleshepherd.workflows.conversation;

import java.util.List;
import java.util.UUID;

/**
 * What one turn answered.
 *
 * @param number the turn's number in the conversation, from 1
 * @param transcript the shopper's words (typed, or transcribed from their audio)
 * @param products the products this turn showed (search, recommendation), else empty
 * @param cart the cart after the turn
 * @param checkoutId the checkout this turn started, or null
 * @param audio the spoken reply, when asked for and synthesised, else null
 * @param ended whether the conversation ends with this turn
 */
public record TurnResult(
        UUID turnId,
        int number,
        String transcript,
        Understanding understanding,
        String reply,
        List<ShownProduct> products,
        List<CartItem> cart,
        UUID checkoutId,
        AudioClip audio,
        boolean ended) {

    public TurnResult {
        products = products == null ? List.of() : List.copyOf(products);
        cart = cart == null ? List.of() : List.copyOf(cart);
    }
}
