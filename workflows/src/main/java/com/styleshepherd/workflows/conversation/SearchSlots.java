package com.styleshepherd.workflows.conversation;

import java.math.BigDecimal;

/**
 * The product search a conversation is in: what the shopper asked for so far. A new search replaces
 * it; a follow-up ("cheaper ones", "in navy") changes one slot and keeps the rest.
 */
public record SearchSlots(
        String colour, String category, String occasion, BigDecimal minPrice, BigDecimal maxPrice, String size,
        String keywords) {

    public static final SearchSlots EMPTY = new SearchSlots(null, null, null, null, null, null, null);

    /** A fresh search from this turn's entities. */
    public static SearchSlots of(Entities e) {
        return new SearchSlots(e.colour(), e.category(), e.occasion(), e.minPrice(), e.maxPrice(), e.size(),
                e.keywords());
    }

    /** These slots with every slot this turn names replaced. */
    public SearchSlots refinedBy(Entities e) {
        return new SearchSlots(
                e.colour() != null ? e.colour() : colour,
                e.category() != null ? e.category() : category,
                e.occasion() != null ? e.occasion() : occasion,
                e.minPrice() != null ? e.minPrice() : minPrice,
                e.maxPrice() != null ? e.maxPrice() : maxPrice,
                e.size() != null ? e.size() : size,
                e.keywords() != null ? e.keywords() : keywords);
    }

    public SearchSlots withPrices(BigDecimal newMin, BigDecimal newMax) {
        return new SearchSlots(colour, category, occasion, newMin, newMax, size, keywords);
    }

    /** The words a semantic search embeds: "navy dresses for wedding guest linen". */
    public String queryText() {
        StringBuilder text = new StringBuilder();
        append(text, colour);
        append(text, category);
        if (occasion != null) {
            append(text, "for " + occasion);
        }
        append(text, keywords);
        return text.isEmpty() ? "clothing" : text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (part != null && !part.isBlank()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(part.strip());
        }
    }
}
