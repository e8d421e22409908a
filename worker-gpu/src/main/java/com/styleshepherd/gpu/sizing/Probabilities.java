package com.styleshepherd.gpu.sizing;

/** Reading a probability vector (over a size ladder, or small / fit / large). */
public final class Probabilities {

    private Probabilities() {
    }

    /** The index of the largest probability; on a tie, the first. */
    public static int mostLikely(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
