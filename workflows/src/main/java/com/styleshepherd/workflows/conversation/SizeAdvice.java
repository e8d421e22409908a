package com.styleshepherd.workflows.conversation;

/**
 * Which size of a product should fit the shopper.
 *
 * @param size the size, or null when nothing we know tells
 * @param reason why, in words the reply can use ("your usual dresses size", "your bust of 92 cm")
 */
public record SizeAdvice(long productId, String size, String reason) {
}
