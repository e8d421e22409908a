package com.styleshepherd.workflows.models;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Training and promotion of the learned models, on task queue {@code gpu}. */
@ActivityInterface
public interface ModelTrainingActivities {

    /**
     * Extracts the training data (the shop's orders, returns and profiles from PostgreSQL, plus the public
     * bootstrap data configured), trains a candidate, evaluates it and the promoted version on a held-out
     * split, and stores the candidate with its metrics. Idempotent per workflow run: a retried attempt
     * returns the version the first one stored.
     */
    @ActivityMethod
    CandidateReport trainCandidate(ModelKind kind);

    /**
     * Makes {@code version} the promoted one, if {@code replacing} (null: none) is still the promoted
     * version; returns whether it is promoted now.
     */
    @ActivityMethod
    boolean promote(ModelKind kind, int version, Integer replacing);
}
