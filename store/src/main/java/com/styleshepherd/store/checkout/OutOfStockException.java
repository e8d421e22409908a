package com.styleshepherd.store.checkout;

/** Not enough stock for a cart line; the transaction that found out changed nothing. */
public class OutOfStockException extends RuntimeException {

    private final int lineNo;

    public OutOfStockException(int lineNo, String sku, String size, int quantity) {
        super("Not enough stock for line " + lineNo + ": " + quantity + " x " + sku + " size " + size);
        this.lineNo = lineNo;
    }

    public int lineNo() {
        return lineNo;
    }
}
