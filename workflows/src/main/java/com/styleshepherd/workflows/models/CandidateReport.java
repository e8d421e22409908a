package com.styleshepherd.workflows.models;

/**
 * What one training run made of one model: the candidate version stored, its held-out score, and the
 * currently promoted version's score on the <em>same</em> held-out rows, so the two are comparable.
 *
 * @param version the stored candidate's version, or null when there was too little data to train
 * @param score the candidate's held-out {@link ModelKind#metric()}, or null when not trained
 * @param currentVersion the promoted version when training started, or null when none
 * @param currentScore that version's score on the candidate's held-out rows, or null
 * @param better whether the candidate should replace it (always, when there is none)
 * @param decision why, in words for ops ("log loss 1.1098 < 1.1304 of v3")
 */
public record CandidateReport(ModelKind kind, Integer version, int trainingRows, int testRows, Double score,
        Integer currentVersion, Double currentScore, boolean better, String decision) {
}
