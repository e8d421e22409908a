package com.styleshepherd.gpu.speech;

import com.styleshepherd.language.ShopVocabulary;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the speech providers by {@code styleshepherd.speech.provider}: {@code local} (default: Sphinx4 with
 * the shopping grammar, FreeTTS; offline) or {@code elevenlabs} ({@code STYLESHEPHERD_SPEECH_ELEVENLABS_API_KEY},
 * {@code _VOICE_ID}, ...).
 */
@Factory
@Requires(property = "styleshepherd.gpu-worker.enabled", value = "true")
class SpeechFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechFactory.class);

    /** Exposed as its own type only, so it never competes with the chosen providers below. */
    @Singleton
    @Bean(typed = ElevenLabsSpeech.class)
    ElevenLabsSpeech elevenLabs(JsonMapper json,
            @Value("${styleshepherd.speech.elevenlabs.base-url:`https://api.elevenlabs.io`}") URI baseUrl,
            @Value("${styleshepherd.speech.elevenlabs.api-key:}") String apiKey,
            @Value("${styleshepherd.speech.elevenlabs.transcription-model:scribe_v2}") String transcriptionModel,
            @Value("${styleshepherd.speech.elevenlabs.voice-model:eleven_flash_v2_5}") String voiceModel,
            @Value("${styleshepherd.speech.elevenlabs.voice-id:21m00Tcm4TlvDq8ikWAM}") String voiceId,
            @Value("${styleshepherd.speech.elevenlabs.output-format:mp3_44100_128}") String outputFormat,
            @Value("${styleshepherd.speech.elevenlabs.timeout:15s}") Duration timeout,
            @Value("${styleshepherd.speech.elevenlabs.max-attempts:3}") int maxAttempts,
            @Value("${styleshepherd.speech.elevenlabs.initial-backoff:250ms}") Duration initialBackoff,
            @Value("${styleshepherd.speech.elevenlabs.requests-per-second:10}") int requestsPerSecond) {
        if (apiKey.isBlank()) {
            throw new IllegalStateException("styleshepherd.speech.provider=elevenlabs needs "
                    + "styleshepherd.speech.elevenlabs.api-key (STYLESHEPHERD_SPEECH_ELEVENLABS_API_KEY)");
        }
        return new ElevenLabsSpeech(new ElevenLabsSettings(baseUrl, apiKey, transcriptionModel, voiceModel, voiceId,
                outputFormat, timeout, maxAttempts, initialBackoff, requestsPerSecond), json);
    }

    @Singleton
    SpeechToText recogniser(@Value("${styleshepherd.speech.provider:local}") String provider,
            @Value("${styleshepherd.speech.local.recognisers:2}") int recognisers,
            @Value("${styleshepherd.speech.local.warm-up:true}") boolean warmUp,
            jakarta.inject.Provider<ElevenLabsSpeech> elevenLabs) {
        SpeechToText chosen;
        if (provider(provider).equals("elevenlabs")) {
            chosen = elevenLabs.get();
        } else {
            SphinxSpeechToText sphinx = new SphinxSpeechToText(() -> ShoppingGrammar.of(ShopVocabulary.current()), recognisers);
            if (warmUp) {
                sphinx.warmUp();
            }
            chosen = sphinx;
        }
        LOG.info("Speech-to-text: {}", chosen.name());
        return chosen;
    }

    @Singleton
    TextToSpeech voice(@Value("${styleshepherd.speech.provider:local}") String provider,
            jakarta.inject.Provider<ElevenLabsSpeech> elevenLabs) {
        TextToSpeech chosen = provider(provider).equals("elevenlabs") ? elevenLabs.get() : new FreeTtsTextToSpeech();
        LOG.info("Text-to-speech: {}", chosen.name());
        return chosen;
    }

    private static String provider(String provider) {
        if (!provider.equals("local") && !provider.equals("elevenlabs")) {
            throw new IllegalArgumentException("styleshepherd.speech.provider must be local or elevenlabs, was " + provider);
        }
        return provider;
    }
}
