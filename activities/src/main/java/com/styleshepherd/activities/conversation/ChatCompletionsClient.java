package com.styleshepherd.activities.conversation;

import com.styleshepherd.providers.ProviderHttp;
import com.styleshepherd.providers.ProviderUnavailable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * A client of any OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}),
 * e.g. Vultr Inference, called the {@link ProviderHttp} way: timeout, retries with backoff and jitter on
 * network errors, 429 and 5xx only, client-side rate limit.
 */
public final class ChatCompletionsClient {

    private final ChatSettings settings;
    private final JsonMapper json;
    private final ProviderHttp http;

    public ChatCompletionsClient(ChatSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = new ProviderHttp("chat model", settings.timeout(), settings.maxAttempts(), settings.initialBackoff(),
                settings.requestsPerSecond(), this::errorMessage);
    }

    /** The model name requests are sent with. */
    public String model() {
        return settings.model();
    }

    /**
     * The assistant's reply to the messages.
     *
     * @param jsonObject ask for a JSON object ({@code response_format: json_object})
     * @throws ProviderUnavailable when every attempt failed, or the request was refused (4xx)
     */
    public String complete(List<Message> messages, boolean jsonObject, int maxTokens) {
        ChatRequest request = new ChatRequest(settings.model(), messages, 0.0, maxTokens,
                jsonObject ? Map.of("type", "json_object") : null);
        byte[] answer;
        try {
            answer = http.send(HttpRequest.newBuilder(settings.baseUrl().resolve(
                            settings.baseUrl().getPath().endsWith("/") ? "chat/completions" : settings.baseUrl().getPath() + "/chat/completions"))
                    .header("Authorization", "Bearer " + settings.apiKey())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request))));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        ChatResponse body;
        try {
            body = json.readValue(answer, Argument.of(ChatResponse.class));
        } catch (IOException unreadable) {
            throw new ProviderUnavailable("chat model answered with unreadable JSON: " + unreadable.getMessage(), false,
                    unreadable);
        }
        if (body.choices() == null || body.choices().isEmpty() || body.choices().getFirst().message() == null) {
            throw new ProviderUnavailable("chat model answered without a choice", false, null);
        }
        return body.choices().getFirst().message().content();
    }

    private String errorMessage(byte[] body) {
        try {
            ErrorResponse error = json.readValue(body, Argument.of(ErrorResponse.class));
            return error.error() != null ? error.error().message() : null;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** One chat message: role {@code system}, {@code user} or {@code assistant}. */
    @Serdeable
    public record Message(String role, String content) {

        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }
    }

    @Serdeable
    record ChatRequest(String model, List<Message> messages, double temperature,
            @com.fasterxml.jackson.annotation.JsonProperty("max_tokens") int maxTokens,
            @com.fasterxml.jackson.annotation.JsonProperty("response_format") Map<String, String> responseFormat) {
    }

    @Serdeable
    record ChatResponse(String id, String model, List<Choice> choices) {
    }

    @Serdeable
    record Choice(int index, Message message, @com.fasterxml.jackson.annotation.JsonProperty("finish_reason") String finishReason) {
    }

    @Serdeable
    record ErrorResponse(ErrorBody error) {
    }

    @Serdeable
    record ErrorBody(String message, String type) {
    }
}
