package com.styleshepherd.workflows.conversation;

/**
 * "Return the jeans from my last order, they're too small": which line of the latest order (by number,
 * category or colour; the only line when there is one) and why.
 */
public record ReturnAsk(String userId, Integer itemNumber, String category, String colour, String reason) {
}
