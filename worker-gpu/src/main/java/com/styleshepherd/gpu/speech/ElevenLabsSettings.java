package com.styleshepherd.gpu.speech;

import java.net.URI;
import java.time.Duration;

/**
 * ElevenLabs speech ({@code styleshepherd.speech.elevenlabs.*}).
 *
 * @param baseUrl the API root, {@code https://api.elevenlabs.io}
 * @param apiKey sent as {@code xi-api-key} (from a secret)
 * @param transcriptionModel speech-to-text model, e.g. {@code scribe_v2}
 * @param voiceModel text-to-speech model, e.g. {@code eleven_flash_v2_5} (low latency)
 * @param voiceId the stylist's voice
 * @param outputFormat {@code mp3_<rate>_<kbps>} (served as mp3) or {@code pcm_<rate>} (served as WAV)
 * @param timeout per request
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the first retry's mean wait; doubled each retry, with full jitter
 * @param requestsPerSecond the client-side rate limit of this process
 */
public record ElevenLabsSettings(URI baseUrl, String apiKey, String transcriptionModel, String voiceModel,
        String voiceId, String outputFormat, Duration timeout, int maxAttempts, Duration initialBackoff,
        int requestsPerSecond) {

    public ElevenLabsSettings {
        if (!outputFormat.matches("mp3_\\d+_\\d+|pcm_\\d+")) {
            throw new IllegalArgumentException("styleshepherd.speech.elevenlabs.output-format must be mp3_<rate>_<kbps> or "
                    + "pcm_<rate>, was " + outputFormat);
        }
    }
}
