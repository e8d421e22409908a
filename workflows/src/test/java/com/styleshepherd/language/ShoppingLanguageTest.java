package com.styleshepherd.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.Entities;
import com.styleshepherd.workflows.conversation.Intent;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule-based reading of shopping phrases: intent and the entities each one carries. */
class ShoppingLanguageTest {

    private static final DialogueState SHOWN = new DialogueState(true, true, "dresses", false);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Show me navy dresses for a wedding under one hundred and fifty dollars | SEARCH
            I'm looking for a black leather bag                                  | SEARCH
            Show me cheaper ones                                                  | REFINE
            What about in olive?                                                  | REFINE
            The second one in M                                                   | ADD_TO_CART
            Add it to my cart in a large                                          | ADD_TO_CART
            What size should I get for the first one?                             | SIZE_ADVICE
            Remove the dress                                                      | REMOVE_FROM_CART
            What's in my cart?                                                    | SHOW_CART
            Check out please                                                      | CHECKOUT
            Where is my order?                                                    | ORDER_STATUS
            I want to return the jeans from my last order, they're too small      | START_RETURN
            Remember that I prefer linen in summer                                | REMEMBER_PREFERENCE
            I love navy                                                           | REMEMBER_PREFERENCE
            What would you recommend for date night?                              | RECOMMEND
            Hello                                                                 | GREETING
            What can you do?                                                      | HELP
            Okay bye                                                              | GOODBYE
            Blah blah                                                             | UNKNOWN
            """)
    void intents(String said, Intent intent) {
        assertEquals(intent, ShoppingLanguage.read(said, SHOWN).intent());
    }

    @org.junit.jupiter.api.Test
    void entitiesOfASearch() {
        Entities e = ShoppingLanguage.read("Show me navy blue linen dresses for a wedding under one hundred and fifty dollars in size M",
                DialogueState.NEW).entities();
        assertEquals("navy", e.colour());
        assertEquals("dresses", e.category());
        assertEquals("wedding guest", e.occasion());
        assertEquals(0, new BigDecimal("150").compareTo(e.maxPrice()));
        assertEquals("M", e.size());
        assertEquals("linen", e.keywords());
    }

    @org.junit.jupiter.api.Test
    void referencesSizesAndReasons() {
        assertEquals(Entities.LAST, ShoppingLanguage.read("add the last one", SHOWN).entities().itemNumber());
        assertEquals(null, ShoppingLanguage.read("return the dress from my last order", SHOWN).entities().itemNumber());
        assertEquals("XL", ShoppingLanguage.read("the third one in extra large", SHOWN).entities().size());
        assertEquals(null, ShoppingLanguage.read("anything in navy?", SHOWN).entities().size(), "a colour, not a size");
        assertEquals("TOO_LARGE", ShoppingLanguage.read("send it back, it's too big", SHOWN).entities().returnReason());
        assertEquals(null, ShoppingLanguage.read("send it back, it's too big", SHOWN).entities().size());
        assertEquals(0, new BigDecimal("30").compareTo(ShoppingLanguage.read("between 30 and 60 pounds", SHOWN).entities().minPrice()));
        assertEquals(0, new BigDecimal("100").compareTo(ShoppingLanguage.read("under a hundred", SHOWN).entities().maxPrice()));
        assertEquals(2, ShoppingLanguage.read("add 2 of them", SHOWN).entities().quantity());
        assertEquals(Intent.ADD_TO_CART, ShoppingLanguage.read("medium", new DialogueState(true, false, null, true)).intent(),
                "a bare size answers the stylist's size question");
    }
}
