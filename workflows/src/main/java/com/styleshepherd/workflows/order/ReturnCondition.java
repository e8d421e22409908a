package com.styleshepherd.workflows.order;

/** How a returned line came back, as the warehouse judged it on receipt. */
public enum ReturnCondition {
    /** As sold: refunded, and back in stock. */
    RESELLABLE,
    /** Refunded, but not sold again. */
    DAMAGED,
    /** Not what was sold, or not returnable: no refund, nothing restocked (the return is REJECTED). */
    UNRETURNABLE;

    public boolean restocks() {
        return this == RESELLABLE;
    }

    public boolean refunds() {
        return this != UNRETURNABLE;
    }
}
