package com.styleshepherd.store.checkout;

/** A cart line names a product or size the shop does not sell (or sells in another currency). */
public class ProductUnavailableException extends RuntimeException {

    private final int itemIndex;
    private final String field;

    public ProductUnavailableException(int itemIndex, String field, String message) {
        super(message);
        this.itemIndex = itemIndex;
        this.field = field;
    }

    /** The line's position in the cart, from 0. */
    public int itemIndex() {
        return itemIndex;
    }

    /** The line's field that is wrong: {@code productId} or {@code size}. */
    public String field() {
        return field;
    }
}
