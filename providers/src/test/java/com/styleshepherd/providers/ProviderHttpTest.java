package com.styleshepherd.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a caller of {@link ProviderHttp} learns when a provider does not answer 2xx: its status and its
 * {@code Retry-After}, so that a refused key, a rate limit and an outage can be told apart without the
 * provider's text.
 */
class ProviderHttpTest {

    private WireMockServer provider;
    private ProviderHttp http;

    @BeforeEach
    void start() {
        provider = new WireMockServer(wireMockConfig().dynamicPort());
        provider.start();
        http = new ProviderHttp("fake", Duration.ofMillis(500), 1, Duration.ofMillis(10), 50,
                body -> new String(body, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void aRateLimitCarriesItsStatusAndRetryAfter() {
        provider.stubFor(WireMock.get("/things").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("slow down")));

        ProviderUnavailable failure = assertThrows(ProviderUnavailable.class, () -> http.send(request()));

        assertTrue(failure.retryable());
        assertEquals(OptionalInt.of(429), failure.status());
        assertEquals(Optional.of(Duration.ofSeconds(30)), failure.retryAfter());
        provider.verify(1, getRequestedFor(urlEqualTo("/things")));
    }

    @Test
    void aRefusalCarriesItsStatusAndIsNotRetried() {
        provider.stubFor(WireMock.get("/things").willReturn(aResponse().withStatus(401).withBody("bad key")));
        ProviderHttp retrying = new ProviderHttp("fake", Duration.ofMillis(500), 3, Duration.ofMillis(10), 50,
                body -> new String(body, StandardCharsets.UTF_8));

        ProviderUnavailable failure = assertThrows(ProviderUnavailable.class, () -> retrying.send(request()));

        assertFalse(failure.retryable());
        assertEquals(OptionalInt.of(401), failure.status());
        assertEquals(Optional.empty(), failure.retryAfter());
        provider.verify(1, getRequestedFor(urlEqualTo("/things")));
    }

    @Test
    void noAnswerInTimeHasNoStatus() {
        provider.stubFor(WireMock.get("/things").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

        ProviderUnavailable failure = assertThrows(ProviderUnavailable.class, () -> http.send(request()));

        assertTrue(failure.retryable());
        assertEquals(OptionalInt.empty(), failure.status());
        assertEquals(Optional.empty(), failure.retryAfter());
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/things")).GET();
    }
}
