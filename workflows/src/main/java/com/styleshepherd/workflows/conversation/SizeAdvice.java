package com.styleshepherd.workflows.conversation;

import java.util.List;

/**
 * Which size of a product should fit the shopper.
 *
 * @param size the size, or null when nothing we know tells
 * @param reason why, in words the reply can use ("your usual dresses size", "your bust of 92 cm"); with no
 *     size, what the shopper has not told us that would help ("To recommend a size I need your weight, or …")
 * @param sources what answered, for the transcript's audit: {@code size-model v1}, {@code fit-model v2},
 *     {@code size-chart}, {@code usual-size}; empty when nothing did
 */
public record SizeAdvice(long productId, String size, String reason, List<String> sources) {

    public SizeAdvice {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public SizeAdvice(long productId, String size, String reason) {
        this(productId, size, reason, List.of());
    }
}
