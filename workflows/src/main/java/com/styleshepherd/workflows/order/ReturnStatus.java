package com.styleshepherd.workflows.order;

/** A return's steps (the {@code returns.status} column). */
public enum ReturnStatus {
    REQUESTED, RECEIVED, REFUNDED, REJECTED
}
