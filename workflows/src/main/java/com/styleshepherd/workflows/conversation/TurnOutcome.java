package com.styleshepherd.workflows.conversation;

import java.util.List;

/**
 * What the action step did, for the reply step to put into words. Only the fields of the turn's
 * intent are set: built with {@link #of} and the named {@code with…} methods, never positionally.
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

    /**
     * The outcome of a turn with nothing but its result and the cart as it now is; the {@code with…} methods
     * add what the turn's intent produced, by name.
     */
    public static TurnOutcome of(Result result, List<CartItem> cart) {
        return new TurnOutcome(result, null, null, null, cart, null, null, null, null);
    }

    /** With the products a search found (and the ones left out). */
    public TurnOutcome withMatches(ProductMatches found) {
        return new TurnOutcome(result, found, subject, size, cart, sizeAdvice, order, returned, checkout);
    }

    /** With the product the turn was about, and the size involved (either may be null). */
    public TurnOutcome about(ShownProduct product, String sizeInvolved) {
        return new TurnOutcome(result, matches, product, sizeInvolved, cart, sizeAdvice, order, returned, checkout);
    }

    public TurnOutcome withSizeAdvice(SizeAdvice advice) {
        return new TurnOutcome(result, matches, subject, size, cart, advice, order, returned, checkout);
    }

    public TurnOutcome withOrder(OrderSummary latest) {
        return new TurnOutcome(result, matches, subject, size, cart, sizeAdvice, latest, returned, checkout);
    }

    public TurnOutcome withReturn(ReturnOutcome outcome) {
        return new TurnOutcome(result, matches, subject, size, cart, sizeAdvice, order, outcome, checkout);
    }

    public TurnOutcome withCheckout(CheckoutPlan plan) {
        return new TurnOutcome(result, matches, subject, size, cart, sizeAdvice, order, returned, plan);
    }
}
