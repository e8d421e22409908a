package com.styleshepherd.gpu.sizing;

import java.util.List;

/**
 * The letter sizes of the public body-measurement data, smallest first; a size's index is its position
 * on the ladder, so "within one size" and the absolute size error are index differences.
 */
public final class SizeLadder {

    public static final List<String> SIZES = List.of("XXS", "S", "M", "L", "XL", "XXL", "XXXL");

    private SizeLadder() {
    }

    public static int index(String size) {
        int index = SIZES.indexOf(size);
        if (index < 0) {
            throw new IllegalArgumentException("not a size of the ladder " + SIZES + ": " + size);
        }
        return index;
    }

    public static int count() {
        return SIZES.size();
    }
}
