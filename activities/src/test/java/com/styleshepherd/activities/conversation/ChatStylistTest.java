package com.styleshepherd.activities.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.styleshepherd.providers.ProviderUnavailable;
import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.Intent;
import com.styleshepherd.workflows.conversation.ProductMatches;
import com.styleshepherd.workflows.conversation.ReplyRequest;
import com.styleshepherd.workflows.conversation.SearchSlots;
import com.styleshepherd.workflows.conversation.ShownProduct;
import com.styleshepherd.workflows.conversation.TurnOutcome;
import com.styleshepherd.workflows.conversation.Understanding;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat stylist against a local fake of an OpenAI-compatible endpoint (Vultr Inference's
 * {@code /v1/chat/completions} request and response shapes): JSON understanding, retries with backoff on
 * 5xx and 429, none on other 4xx, and the rules whenever the model cannot answer.
 */
class ChatStylistTest {

    private static final String PATH = "/v1/chat/completions";

    private WireMockServer llm;
    private ChatStylist stylist;

    @BeforeEach
    void start() {
        llm = new WireMockServer(wireMockConfig().dynamicPort());
        llm.start();
        JsonMapper json = JsonMapper.createDefault();
        ChatCompletionsClient client = new ChatCompletionsClient(new ChatSettings(URI.create(llm.baseUrl() + "/v1"),
                "test-key", "llama-3.1-70b-instruct-fp8", Duration.ofSeconds(2), 3, Duration.ofMillis(10), 50), json);
        stylist = new ChatStylist(client, new RuleBasedStylist(), json);
    }

    @AfterEach
    void stop() {
        llm.stop();
    }

    @Test
    void understandsFromTheModelsJsonFoldedToTheShopsVocabulary() {
        llm.stubFor(post(urlEqualTo(PATH)).willReturn(completion("""
                {\\"intent\\": \\"search\\", \\"entities\\": {\\"colour\\": \\"Navy\\", \\"category\\": \\"dress\\", \\"occasion\\": \\"wedding guest\\", \\"maxPrice\\": 150}}""")));

        Understanding understood = stylist.understand("something navy to wear to my cousin's wedding, max 150",
                DialogueState.NEW);

        assertEquals(Intent.SEARCH, understood.intent());
        assertEquals("navy", understood.entities().colour());
        assertEquals("dresses", understood.entities().category());
        assertEquals("wedding guest", understood.entities().occasion());
        assertEquals(0, new BigDecimal("150").compareTo(understood.entities().maxPrice()));
        assertEquals("llm:llama-3.1-70b-instruct-fp8", understood.source());
        llm.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama-3.1-70b-instruct-fp8")))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[1].content",
                        equalTo("something navy to wear to my cousin's wedding, max 150"))));
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedWithBackoff() {
        llm.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"overloaded\"}}"))
                .willSetStateTo("limited"));
        llm.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"message\":\"slow down\"}}"))
                .willSetStateTo("ok"));
        llm.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(completion("{\\\"intent\\\": \\\"ORDER_STATUS\\\", \\\"entities\\\": {}}")));

        Understanding understood = stylist.understand("where's my parcel", DialogueState.NEW);

        assertEquals(Intent.ORDER_STATUS, understood.intent());
        assertEquals("llm:llama-3.1-70b-instruct-fp8", understood.source());
        llm.verify(3, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aRefusedRequestIsNotRetriedAndTheRulesAnswer() {
        llm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"model not found\",\"type\":\"invalid_request_error\"}}")));

        Understanding understood = stylist.understand("show me navy dresses under 100 dollars", DialogueState.NEW);

        llm.verify(1, postRequestedFor(urlEqualTo(PATH)));
        assertEquals(Intent.SEARCH, understood.intent());
        assertEquals("navy", understood.entities().colour());
        assertEquals(ChatStylist.FALLBACK, understood.source());
    }

    @Test
    void whenEveryAttemptFailsTheClientSaysSoAndTheReplyIsTheDraft() {
        llm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500)));
        ReplyRequest request = new ReplyRequest("u", "navy dresses", new Understanding(Intent.SEARCH,
                new com.styleshepherd.workflows.conversation.Entities("navy", "dresses", null, null, null, null, null,
                        null, null, null, null, null), "rules"),
                TurnOutcome.of(TurnOutcome.Result.DONE, List.of()).withMatches(new ProductMatches(List.of(
                        new ShownProduct(1, "Navy Wrap Dress", "dresses", "navy", new BigDecimal("89.00"), "USD",
                                List.of("M"), null)), List.of())),
                new SearchSlots("navy", "dresses", null, null, null, null, null));

        String reply = stylist.compose(request);

        assertEquals(new RuleBasedStylist().compose(request), reply);
        llm.verify(3, postRequestedFor(urlEqualTo(PATH)));
        ProviderUnavailable failure = assertThrows(ProviderUnavailable.class,
                () -> new ChatCompletionsClient(new ChatSettings(URI.create(llm.baseUrl() + "/v1"), "k", "m",
                        Duration.ofSeconds(1), 2, Duration.ofMillis(5), 50), JsonMapper.createDefault())
                        .complete(List.of(ChatCompletionsClient.Message.user("hi")), false, 10));
        assertEquals(true, failure.retryable(), failure.getMessage());
    }

    @Test
    void aReplyRephrasedByTheModel() {
        llm.stubFor(post(urlEqualTo(PATH)).willReturn(completion("Lovely choice! The Navy Wrap Dress at $89.00 is in stock.")));
        ReplyRequest request = new ReplyRequest("u", "navy dresses", new Understanding(Intent.GREETING,
                com.styleshepherd.workflows.conversation.Entities.NONE, "rules"),
                TurnOutcome.of(TurnOutcome.Result.DONE, List.of()), SearchSlots.EMPTY);

        assertEquals("Lovely choice! The Navy Wrap Dress at $89.00 is in stock.", stylist.compose(request));
        llm.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.messages[1].content",
                com.github.tomakehurst.wiremock.client.WireMock.containing("Draft reply: Hi! I'm your Style Shepherd stylist"))));
    }

    /** A chat.completion response as OpenAI-compatible servers send it; {@code content} is JSON-escaped already. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id": "chatcmpl-123", "object": "chat.completion", "created": 1763700000,
                 "model": "llama-3.1-70b-instruct-fp8",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150}}""".formatted(content));
    }
}
