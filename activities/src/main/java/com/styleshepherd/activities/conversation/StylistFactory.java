package com.styleshepherd.activities.conversation;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the stylist: the chat model when {@code styleshepherd.stylist.llm.base-url} is set (production:
 * {@code STYLESHEPHERD_STYLIST_LLM_BASE_URL}, {@code _API_KEY}, {@code _MODEL}), else the rule-based one.
 */
@Factory
class StylistFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StylistFactory.class);

    @Singleton
    RuleBasedStylist rules() {
        return new RuleBasedStylist();
    }

    @Singleton
    Stylist stylist(RuleBasedStylist rules, JsonMapper json,
            @Nullable @Value("${styleshepherd.stylist.llm.base-url:}") String baseUrl,
            @Value("${styleshepherd.stylist.llm.api-key:}") String apiKey,
            @Value("${styleshepherd.stylist.llm.model:llama-3.1-70b-instruct-fp8}") String model,
            @Value("${styleshepherd.stylist.llm.timeout:10s}") Duration timeout,
            @Value("${styleshepherd.stylist.llm.max-attempts:3}") int maxAttempts,
            @Value("${styleshepherd.stylist.llm.initial-backoff:250ms}") Duration initialBackoff,
            @Value("${styleshepherd.stylist.llm.requests-per-second:20}") int requestsPerSecond) {
        if (baseUrl == null || baseUrl.isBlank()) {
            LOG.info("Stylist: local rule-based stylist (set styleshepherd.stylist.llm.base-url for a chat model)");
            return rules;
        }
        LOG.info("Stylist: chat model {} at {}", model, baseUrl);
        return new ChatStylist(new ChatCompletionsClient(new ChatSettings(URI.create(baseUrl), apiKey, model, timeout,
                maxAttempts, initialBackoff, requestsPerSecond), json), rules, json);
    }
}
