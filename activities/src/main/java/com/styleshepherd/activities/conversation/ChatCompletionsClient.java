package com.styleshepherd.activities.conversation;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of any OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}),
 * e.g. Vultr Inference. Each call has a timeout; network errors, 429 and 5xx are retried with exponential
 * backoff and full jitter (resilience4j); any other 4xx is the request's fault and is never retried; a
 * client-side rate limiter keeps the process under the provider's quota.
 */
public final class ChatCompletionsClient {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsClient.class);

    private final ChatSettings settings;
    private final HttpClient http;
    private final JsonMapper json;
    private final Retry retry;
    private final RateLimiter rateLimiter;

    public ChatCompletionsClient(ChatSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.retry = Retry.of("chat-completions", RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 1.0,
                        Duration.ofSeconds(10)))
                .retryOnException(ChatCompletionsClient::retryable)
                .failAfterMaxAttempts(true)
                .build());
        this.rateLimiter = RateLimiter.of("chat-completions", RateLimiterConfig.custom()
                .limitForPeriod(settings.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(settings.timeout())
                .build());
    }

    /** The model name requests are sent with. */
    public String model() {
        return settings.model();
    }

    /**
     * The assistant's reply to the messages.
     *
     * @param jsonObject ask for a JSON object ({@code response_format: json_object})
     * @throws ChatUnavailable when every attempt failed, or the request was refused (4xx)
     */
    public String complete(List<Message> messages, boolean jsonObject, int maxTokens) {
        ChatRequest request = new ChatRequest(settings.model(), messages, 0.0, maxTokens,
                jsonObject ? Map.of("type", "json_object") : null);
        try {
            return Retry.decorateCheckedSupplier(retry, () -> {
                RateLimiter.waitForPermission(rateLimiter);
                return send(request);
            }).get();
        } catch (ChatUnavailable e) {
            throw e;
        } catch (RequestNotPermitted e) {
            throw new ChatUnavailable("client-side rate limit: no permit within " + settings.timeout(), false, e);
        } catch (Throwable e) {
            throw new ChatUnavailable(e.getMessage(), true, e);
        }
    }

    private String send(ChatRequest request) throws IOException, InterruptedException {
        HttpRequest http = HttpRequest.newBuilder(settings.baseUrl().resolve(
                        settings.baseUrl().getPath().endsWith("/") ? "chat/completions" : settings.baseUrl().getPath() + "/chat/completions"))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                .build();
        HttpResponse<byte[]> response = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            LOG.warn("Chat model answered {}: will retry", status);
            throw new ChatUnavailable("chat model answered " + status + ": " + errorMessage(response.body()), true, null);
        }
        if (status >= 400) {
            throw new ChatUnavailable("chat model refused the request (" + status + "): " + errorMessage(response.body()),
                    false, null);
        }
        ChatResponse body = json.readValue(response.body(), Argument.of(ChatResponse.class));
        if (body.choices() == null || body.choices().isEmpty() || body.choices().getFirst().message() == null) {
            throw new ChatUnavailable("chat model answered without a choice", false, null);
        }
        return body.choices().getFirst().message().content();
    }

    private String errorMessage(byte[] body) {
        try {
            ErrorResponse error = json.readValue(body, Argument.of(ErrorResponse.class));
            return error.error() != null && error.error().message() != null ? error.error().message() : "no message";
        } catch (IOException | RuntimeException unreadable) {
            return new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static boolean retryable(Throwable failure) {
        if (failure instanceof ChatUnavailable unavailable) {
            return unavailable.retryable();
        }
        return failure instanceof IOException || failure instanceof UncheckedIOException;
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

    /** The model could not answer: every retry failed ({@link #retryable()}), or the request was refused. */
    public static final class ChatUnavailable extends RuntimeException {

        private final boolean retryable;

        ChatUnavailable(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
