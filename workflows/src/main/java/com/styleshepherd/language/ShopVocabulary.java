package com.styleshepherd.language;

import java.util.List;

/**
 * The words the rule-based reader knows, as spoken phrases: what a speech recogniser constrained to the
 * shop's language (the local Sphinx4 grammar) must be able to hear. One source, so the grammar and the
 * reader cannot drift apart.
 */
public record ShopVocabulary(List<String> categories, List<String> colours, List<String> occasions,
        List<String> descriptors, List<String> sizes) {

    /** The reader's vocabulary, hyphens spoken as spaces ("t-shirt" → "t shirt"), without duplicates. */
    public static ShopVocabulary current() {
        return new ShopVocabulary(spoken(ShoppingLanguage.CATEGORIES.keySet()), spoken(ShoppingLanguage.COLOURS.keySet()),
                spoken(ShoppingLanguage.OCCASIONS.keySet()), spoken(ShoppingLanguage.DESCRIPTORS),
                spoken(ShoppingLanguage.SIZE_WORDS.keySet()));
    }

    private static List<String> spoken(java.util.Collection<String> phrases) {
        return phrases.stream().map(phrase -> phrase.replace('-', ' ')).distinct().toList();
    }
}
