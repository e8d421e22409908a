package com.styleshepherd.workflows.returnrisk;

import java.util.List;
import java.util.Map;

/**
 * Everything the return-risk model reads for one cart, gathered from PostgreSQL by a checkout
 * activity so that the model itself (on the gpu queue) needs no database.
 *
 * @param categories return counts per category of the cart's lines
 * @param shopperId who is buying (the fit model knows shoppers by id), or null
 */
public record ReturnRiskSignals(
        ShopperFit shopper, ReturnHistory history, List<LineSignals> lines, Map<String, CategoryReturns> categories,
        String shopperId) {

    public ReturnRiskSignals {
        lines = List.copyOf(lines);
        categories = Map.copyOf(categories);
    }
}
