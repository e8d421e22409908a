package com.styleshepherd.gpu.speech;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.styleshepherd.providers.ProviderUnavailable;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ElevenLabs client against a local fake with the real API's shapes: speech-to-text is a multipart
 * upload ({@code file}, {@code model_id}) answered by JSON with {@code text} and {@code words};
 * text-to-speech posts JSON to {@code /v1/text-to-speech/{voice_id}?output_format=...} and gets audio
 * bytes; errors carry {@code {"detail": {"status", "message"}}}.
 */
class ElevenLabsSpeechTest {

    private static final String STT = "/v1/speech-to-text";
    private static final String VOICE = "21m00Tcm4TlvDq8ikWAM";

    private WireMockServer elevenLabs;

    @BeforeEach
    void start() {
        elevenLabs = new WireMockServer(wireMockConfig().dynamicPort());
        elevenLabs.start();
    }

    @AfterEach
    void stop() {
        elevenLabs.stop();
    }

    private ElevenLabsSpeech client(String outputFormat) {
        return new ElevenLabsSpeech(new ElevenLabsSettings(URI.create(elevenLabs.baseUrl()), "xi-test-key", "scribe_v2",
                "eleven_flash_v2_5", VOICE, outputFormat, Duration.ofSeconds(2), 3, Duration.ofMillis(10), 50),
                JsonMapper.createDefault());
    }

    @Test
    void transcribesAMultipartUpload() {
        byte[] wav = Wav.of(new byte[3_200], 16_000f, false);
        elevenLabs.stubFor(post(urlEqualTo(STT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"language_code": "eng", "language_probability": 0.98,
                         "text": " Show me navy dresses under fifty dollars. ",
                         "words": [{"text": "Show", "type": "word", "start": 0.12, "end": 0.4, "speaker_id": "speaker_0", "logprob": -0.1},
                                   {"text": " ", "type": "spacing", "start": 0.4, "end": 0.42, "speaker_id": "speaker_0", "logprob": 0.0}]}
                        """)));

        String text = client("mp3_44100_128").transcribe(wav);

        assertEquals("Show me navy dresses under fifty dollars.", text);
        elevenLabs.verify(postRequestedFor(urlEqualTo(STT))
                .withHeader("xi-api-key", equalTo("xi-test-key"))
                .withHeader("Content-Type", matching("multipart/form-data;.* boundary=.+"))
                .withRequestBodyPart(aMultipart().withName("model_id").withBody(equalTo("scribe_v2")).build())
                .withRequestBodyPart(aMultipart().withName("file").withBody(binaryEqualTo(wav)).build()));
    }

    @Test
    void speaksMp3AndEstimatesItsLength() {
        byte[] mp3 = new byte[32_000];
        elevenLabs.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + VOICE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "audio/mpeg").withBody(mp3)));

        TextToSpeech.Speech speech = client("mp3_44100_128").synthesize("Here are three navy dresses.");

        assertEquals("mp3", speech.format());
        assertArrayEquals(mp3, speech.audio());
        assertEquals(2_000, speech.durationMillis(), "32,000 bytes at 128 kbit/s");
        elevenLabs.verify(postRequestedFor(urlEqualTo("/v1/text-to-speech/" + VOICE + "?output_format=mp3_44100_128"))
                .withHeader("xi-api-key", equalTo("xi-test-key"))
                .withRequestBody(matchingJsonPath("$.text", equalTo("Here are three navy dresses.")))
                .withRequestBody(matchingJsonPath("$.model_id", equalTo("eleven_flash_v2_5"))));
    }

    @Test
    void rawPcmIsServedAsWav() throws Exception {
        byte[] pcm = new byte[16_000];
        elevenLabs.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + VOICE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(pcm)));

        TextToSpeech.Speech speech = client("pcm_16000").synthesize("Hello");

        assertEquals("wav", speech.format());
        assertEquals(500, speech.durationMillis());
        var format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(speech.audio())).getFormat();
        assertEquals(16_000f, format.getSampleRate());
        assertFalse(format.isBigEndian());
        assertEquals(pcm.length, Wav.littleEndianSamples(speech.audio()).length);
    }

    @Test
    void overloadAndRateLimitsAreRetried() {
        elevenLabs.stubFor(post(urlEqualTo(STT)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("rate limited"));
        elevenLabs.stubFor(post(urlEqualTo(STT)).inScenario("busy").whenScenarioStateIs("rate limited")
                .willReturn(aResponse().withStatus(429).withBody("""
                        {"detail": {"status": "too_many_concurrent_requests", "message": "Too many concurrent requests"}}
                        """)).willSetStateTo("free"));
        elevenLabs.stubFor(post(urlEqualTo(STT)).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody("{\"language_code\": \"eng\", \"text\": \"goodbye\"}")));

        assertEquals("goodbye", client("mp3_44100_128").transcribe(Wav.of(new byte[3_200], 16_000f, false)));
        elevenLabs.verify(3, postRequestedFor(urlEqualTo(STT)));
    }

    @Test
    void aRefusedRequestIsNotRetriedAndSaysWhy() {
        elevenLabs.stubFor(post(urlPathEqualTo("/v1/text-to-speech/" + VOICE)).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\": {\"status\": \"invalid_api_key\", \"message\": \"Invalid API key\"}}")));

        ProviderUnavailable refused = assertThrows(ProviderUnavailable.class,
                () -> client("mp3_44100_128").synthesize("Hello"));

        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().contains("401") && refused.getMessage().contains("Invalid API key"),
                refused.getMessage());
        elevenLabs.verify(1, postRequestedFor(urlPathEqualTo("/v1/text-to-speech/" + VOICE)));
    }

    @Test
    void anUnknownOutputFormatIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> client("ogg_48000"));
    }
}
