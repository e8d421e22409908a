package com.styleshepherd.gpu.fit;

/**
 * One purchase with the customer's fit feedback: who ({@code customer}), which product
 * ({@code parent}) in which size ({@code size}; the pair is the "child product" of Misra et al.), and
 * whether it was {@link Fit#SMALL small}, {@link Fit#FIT fit} or {@link Fit#LARGE large}.
 *
 * @param category the product's category, or null
 */
public record FitRecord(String customer, String parent, String size, String category, Fit fit) {

    public String child() {
        return parent + "/" + size;
    }

    /** The three fit outcomes, in the order of the model's probability vectors. */
    public enum Fit {
        SMALL, FIT, LARGE;

        public static Fit parse(String label) {
            return switch (label) {
                case "small" -> SMALL;
                case "fit" -> FIT;
                case "large" -> LARGE;
                default -> throw new IllegalArgumentException("not a fit label (small, fit, large): " + label);
            };
        }
    }
}
