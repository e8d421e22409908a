package com.styleshepherd.activities.conversation;

import com.styleshepherd.activities.conversation.ChatCompletionsClient.Message;
import com.styleshepherd.language.ShoppingLanguage;
import com.styleshepherd.providers.ProviderUnavailable;
import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.Entities;
import com.styleshepherd.workflows.conversation.Intent;
import com.styleshepherd.workflows.conversation.ReplyRequest;
import com.styleshepherd.workflows.conversation.ShownProduct;
import com.styleshepherd.workflows.conversation.Understanding;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stylist on a chat model. Understanding asks for a JSON object (intent and entities) and checks it
 * against the shop's vocabulary; replies rephrase the rule-based draft warmly without adding facts. When
 * the model is unavailable or answers nonsense, the rules answer instead, so a turn never fails on it.
 */
public final class ChatStylist implements Stylist {

    private static final Logger LOG = LoggerFactory.getLogger(ChatStylist.class);
    static final String FALLBACK = RuleBasedStylist.SOURCE + " (llm unavailable)";

    private static final String UNDERSTAND_PROMPT = """
            You read what a shopper says to a fashion shop's voice stylist. Answer with one JSON object:
            {"intent": one of %s,
             "entities": {"colour": string|null, "category": one of %s or null, "occasion": one of %s or null,
              "minPrice": number|null, "maxPrice": number|null, "size": string|null (XS, S, M, L, XL or a number),
              "itemNumber": 1-based position of a product shown earlier, -1 for "the last one", or null,
              "quantity": integer|null, "priceDirection": "cheaper"|"pricier"|null,
              "returnReason": TOO_SMALL|TOO_LARGE|STYLE|QUALITY|OTHER|null,
              "preference": the stated preference in the shopper's words|null, "keywords": other descriptive words|null}}
            REFINE changes the previous search ("cheaper ones", "in navy"). Conversation so far: %s.""";

    private static final String REPLY_PROMPT = """
            You are Style Shepherd, a warm, concise fashion stylist speaking to a shopper by voice. Rewrite the draft
            reply in at most three short sentences. Keep every product name, price, size and number exactly as given;
            add no facts, products or promises that are not in the draft.""";

    private final ChatCompletionsClient client;
    private final RuleBasedStylist rules;
    private final JsonMapper json;

    public ChatStylist(ChatCompletionsClient client, RuleBasedStylist rules, JsonMapper json) {
        this.client = client;
        this.rules = rules;
        this.json = json;
    }

    @Override
    public Understanding understand(String text, DialogueState state) {
        String context = state.hasResults() ? "products were shown" + (state.lastCategory() == null ? ""
                : " (" + state.lastCategory() + ")") : "nothing shown yet";
        if (state.hasCart()) {
            context += "; the cart has items";
        }
        String prompt = UNDERSTAND_PROMPT.formatted(List.of(Intent.values()),
                ShoppingLanguage.CATEGORIES.values().stream().distinct().sorted().toList(),
                ShoppingLanguage.OCCASIONS.values().stream().distinct().sorted().toList(), context);
        try {
            String answer = client.complete(List.of(Message.system(prompt), Message.user(text)), true, 300);
            return parse(answer).orElseGet(() -> {
                LOG.warn("Chat model's understanding was not usable, using the rules: {}", abbreviate(answer));
                return fallback(rules.understand(text, state));
            });
        } catch (ProviderUnavailable unavailable) {
            LOG.warn("Chat model unavailable for understanding, using the rules: {}", unavailable.getMessage());
            return fallback(rules.understand(text, state));
        }
    }

    @Override
    public String compose(ReplyRequest request) {
        String draft = rules.compose(request);
        String products = request.outcome().matches().products().stream()
                .map(ShownProduct::name).collect(Collectors.joining("; "));
        try {
            String reply = client.complete(List.of(Message.system(REPLY_PROMPT),
                    Message.user("Shopper said: " + request.text() + "\nDraft reply: " + draft
                            + (products.isEmpty() ? "" : "\nProducts on screen: " + products))), false, 200);
            return reply == null || reply.isBlank() ? draft : reply.strip();
        } catch (ProviderUnavailable unavailable) {
            LOG.warn("Chat model unavailable for the reply, using the draft: {}", unavailable.getMessage());
            return draft;
        }
    }

    /** The model's JSON as an understanding, when it names a known intent; vocabulary is folded to the shop's. */
    java.util.Optional<Understanding> parse(String answer) {
        if (answer == null) {
            return java.util.Optional.empty();
        }
        try {
            Parsed parsed = json.readValue(answer.strip(), Argument.of(Parsed.class));
            Intent intent = Intent.valueOf(parsed.intent().toUpperCase(Locale.ROOT));
            ParsedEntities e = parsed.entities() == null ? ParsedEntities.NONE : parsed.entities();
            Entities entities = Entities.builder()
                    .colour(known(e.colour(), ShoppingLanguage.COLOURS))
                    .category(known(e.category(), ShoppingLanguage.CATEGORIES))
                    .occasion(known(e.occasion(), ShoppingLanguage.OCCASIONS))
                    .priceRange(e.minPrice(), e.maxPrice())
                    .size(e.size() == null ? null : e.size().toUpperCase(Locale.ROOT))
                    .itemNumber(e.itemNumber())
                    .quantity(e.quantity())
                    .priceDirection(e.priceDirection())
                    .returnReason(e.returnReason())
                    .preference(e.preference())
                    .keywords(e.keywords())
                    .build();
            return java.util.Optional.of(new Understanding(intent, entities, "llm:" + client.model()));
        } catch (IOException | RuntimeException unusable) {
            return java.util.Optional.empty();
        }
    }

    private static String known(String value, Map<String, String> vocabulary) {
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT).strip();
        if (vocabulary.containsValue(lower)) {
            return lower;
        }
        String singular = lower.endsWith("es") ? lower.substring(0, lower.length() - 2)
                : lower.endsWith("s") ? lower.substring(0, lower.length() - 1) : lower;
        return vocabulary.getOrDefault(lower, vocabulary.getOrDefault(singular, lower));
    }

    private static Understanding fallback(Understanding byRules) {
        return new Understanding(byRules.intent(), byRules.entities(), FALLBACK);
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    @Serdeable
    record Parsed(String intent, ParsedEntities entities) {
    }

    @Serdeable
    record ParsedEntities(String colour, String category, String occasion, BigDecimal minPrice, BigDecimal maxPrice,
            String size, Integer itemNumber, Integer quantity, String priceDirection, String returnReason,
            String preference, String keywords) {
        static final ParsedEntities NONE =
                new ParsedEntities(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
