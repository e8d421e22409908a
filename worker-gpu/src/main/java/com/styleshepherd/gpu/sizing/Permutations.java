package com.styleshepherd.gpu.sizing;

import java.util.Random;

/**
 * Seeded random orders for data splits and training passes: a Fisher–Yates shuffle driven by
 * {@link java.util.Random}, whose sequence is specified exactly, so a seed gives the same order on any
 * machine and the published evaluation figures can be re-run.
 */
public final class Permutations {

    private Permutations() {
    }

    /** 0 … n−1 in the order the seed picks. */
    public static int[] of(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
