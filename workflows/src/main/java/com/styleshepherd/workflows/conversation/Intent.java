package com.styleshepherd.workflows.conversation;

/** What the shopper wants from one turn; the stylist's understanding step picks exactly one. */
public enum Intent {
    /** Find products: colour, category, occasion, budget, size. */
    SEARCH,
    /** Change the last search: "cheaper ones", "in navy", "show me more". */
    REFINE,
    /** "What would you suggest for a wedding?": the shopper's recommendations. */
    RECOMMEND,
    /** "What size should I get?" for a product shown or in the cart. */
    SIZE_ADVICE,
    ADD_TO_CART,
    REMOVE_FROM_CART,
    SHOW_CART,
    /** Buy the cart: starts a checkout workflow as a child of the conversation. */
    CHECKOUT,
    ORDER_STATUS,
    START_RETURN,
    /** "Remember that I love linen": stored as a preference memory. */
    REMEMBER_PREFERENCE,
    GREETING,
    HELP,
    /** Ends the conversation after the reply. */
    GOODBYE,
    UNKNOWN
}
