package com.styleshepherd.workflows;

import java.util.List;

/**
 * The task queues Temporal routes work through. The regular worker serves {@link #CHECKOUT},
 * {@link #CONVERSATION} and {@link #CATALOG}; the GPU worker pool serves {@link #GPU}.
 */
public final class TaskQueues {

    public static final String CHECKOUT = "checkout";
    public static final String CONVERSATION = "conversation";
    public static final String CATALOG = "catalog";
    /** Model inference and training; served by the gpu-worker process (CPU when no GPU). */
    public static final String GPU = "gpu";

    /** What the regular worker process polls. */
    public static final List<String> REGULAR_WORKER = List.of(CHECKOUT, CONVERSATION, CATALOG);
    /** What the gpu-worker process polls. */
    public static final List<String> GPU_WORKER = List.of(GPU);

    private TaskQueues() {
    }
}
