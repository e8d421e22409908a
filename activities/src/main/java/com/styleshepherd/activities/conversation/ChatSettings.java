package com.styleshepherd.activities.conversation;

import java.net.URI;
import java.time.Duration;

/**
 * The chat model of the stylist ({@code styleshepherd.stylist.llm.*}).
 *
 * @param baseUrl the OpenAI-compatible API root, e.g. {@code https://api.vultrinference.com/v1}
 * @param apiKey sent as a bearer token (from a secret)
 * @param model the model name, e.g. {@code llama-3.1-70b-instruct-fp8}
 * @param timeout per request
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the first retry's mean wait; doubled each retry, with full jitter
 * @param requestsPerSecond the client-side rate limit of this process
 */
public record ChatSettings(URI baseUrl, String apiKey, String model, Duration timeout, int maxAttempts,
        Duration initialBackoff, int requestsPerSecond) {
}
