package com.styleshepherd.workflows.order;

/**
 * A return's steps (the {@code returns.status} column): REQUESTED, then RECEIVED, then REFUNDED or REJECTED
 * (unreturnable); EXPIRED when it was never received within the order's receipt grace after the window closed.
 */
public enum ReturnStatus {
    REQUESTED, RECEIVED, REFUNDED, REJECTED, EXPIRED
}
