package com.styleshepherd.workflows.models;

/**
 * The learned models, in the order a training run trains them: the return-risk model reads the size and
 * fit models' predictions, so it is trained after they are promoted.
 */
public enum ModelKind {
    /** Body measurements → a probability per letter size. Promoted on lower held-out log loss. */
    SIZE("size", "log loss", false),
    /** Shopper × product size → P(small), P(fit), P(large). Promoted on higher held-out average AUC. */
    FIT("fit", "average AUC", true),
    /** One cart line → P(return). Promoted on lower held-out log loss. */
    RETURN_RISK("return-risk", "log loss", false);

    private final String id;
    private final String metric;
    private final boolean higherIsBetter;

    ModelKind(String id, String metric, boolean higherIsBetter) {
        this.id = id;
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name in PostgreSQL, metrics and the API. */
    public String id() {
        return id;
    }

    /** The held-out measure a candidate must beat the current version on. */
    public String metric() {
        return metric;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public boolean better(double candidate, double current) {
        return higherIsBetter ? candidate > current : candidate < current;
    }

    public static ModelKind of(String id) {
        for (ModelKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no model kind " + id);
    }
}
