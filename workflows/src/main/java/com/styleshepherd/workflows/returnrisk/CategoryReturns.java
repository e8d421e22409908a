package com.styleshepherd.workflows.returnrisk;

/** How often units of one category came back, over every shopper's orders. */
public record CategoryReturns(String category, long unitsSold, long unitsReturned) {
}
