package com.styleshepherd.workflows.conversation;

import java.util.List;

/**
 * What the action step did, for the reply step to put into words. Only the fields of the turn's
 * intent are set.
 *
 * @param result how it went
 * @param subject the product the turn was about (added, removed, sized), or null
 * @param size the size involved, or null
 */
public record TurnOutcome(
        Result result,
        ProductMatches matches,
        ShownProduct subject,
        String size,
        List<CartItem> cart,
        SizeAdvice sizeAdvice,
        OrderSummary order,
        ReturnOutcome returned,
        CheckoutPlan checkout) {

    public enum Result {
        DONE,
        NOTHING_FOUND,
        /** The shopper referred to a product we cannot tell ("the fifth one" of three). */
        WHICH_PRODUCT,
        /** The product has several sizes and none was named. */
        WHICH_SIZE,
        /** The size named has no stock (or is not sold). */
        SIZE_UNAVAILABLE,
        CART_EMPTY,
        /** No payment method or address was given for checkouts. */
        NO_WALLET,
        OUT_OF_STOCK,
        NO_ORDERS,
        RETURN_REFUSED,
        /** A service this turn needed did not answer in time. */
        UNAVAILABLE,
        NOT_UNDERSTOOD
    }

    public TurnOutcome {
        cart = cart == null ? List.of() : List.copyOf(cart);
        matches = matches == null ? new ProductMatches(List.of(), List.of()) : matches;
    }

    public static TurnOutcome of(Result result, List<CartItem> cart) {
        return new TurnOutcome(result, null, null, null, cart, null, null, null, null);
    }
}
