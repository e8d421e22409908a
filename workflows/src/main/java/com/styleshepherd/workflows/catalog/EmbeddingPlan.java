package com.styleshepherd.workflows.catalog;

import java.util.List;

/**
 * What a job found to do when it started.
 *
 * @param targets one per modality: its model and how many products it must embed
 */
public record EmbeddingPlan(List<Target> targets) {

    public EmbeddingPlan {
        targets = List.copyOf(targets);
    }

    public int total() {
        return targets.stream().mapToInt(Target::pending).sum();
    }

    /** The model one modality is embedded with, and the products waiting for it. */
    public record Target(Modality modality, String modelId, String modelVersion, int pending) {
    }
}
