package com.styleshepherd.gpu.speech;

import com.styleshepherd.cache.AudioStore;
import com.styleshepherd.providers.ProviderUnavailable;
import com.styleshepherd.workflows.conversation.AudioClip;
import com.styleshepherd.workflows.conversation.SpeechActivities;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation's speech steps on task queue {@code gpu}: the clip's bytes come from and go to Valkey
 * ({@link AudioStore}), only references travel through the workflow. Failures that no retry can mend
 * (the clip expired, not a WAV file, the provider refused the request) are non-retryable; the workflow
 * then answers without audio.
 */
@Singleton
public class SpeechActivitiesImpl implements SpeechActivities {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechActivitiesImpl.class);

    private final SpeechToText recogniser;
    private final TextToSpeech voice;
    private final AudioStore audio;

    SpeechActivitiesImpl(SpeechToText recogniser, TextToSpeech voice, AudioStore audio) {
        this.recogniser = recogniser;
        this.voice = voice;
        this.audio = audio;
    }

    @Override
    public String transcribe(AudioClip clip) {
        byte[] wav = audio.bytes(clip.key()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "The spoken turn " + clip.key() + " is no longer kept (audio lives an hour)", "AudioExpired"));
        long started = System.nanoTime();
        String words;
        try {
            words = recogniser.transcribe(wav);
        } catch (IllegalArgumentException unreadable) {
            throw ApplicationFailure.newNonRetryableFailure(unreadable.getMessage(), "UnreadableAudio");
        } catch (ProviderUnavailable failed) {
            throw asFailure(failed);
        }
        LOG.info("Transcribed clip={} by={} audioMs={} took={}ms words={}", clip.key(), recogniser.name(),
                clip.durationMillis(), (System.nanoTime() - started) / 1_000_000, words.isBlank() ? 0 : words.split(" ").length);
        return words;
    }

    @Override
    public AudioClip synthesize(String text, String clipKey) {
        long started = System.nanoTime();
        TextToSpeech.Speech speech;
        try {
            speech = voice.synthesize(text);
        } catch (ProviderUnavailable failed) {
            throw asFailure(failed);
        }
        AudioClip clip = audio.put(clipKey, speech.format(), speech.audio(), speech.durationMillis());
        LOG.info("Synthesized clip={} by={} audioMs={} bytes={} took={}ms", clipKey, voice.name(), clip.durationMillis(),
                clip.bytes(), (System.nanoTime() - started) / 1_000_000);
        return clip;
    }

    private static RuntimeException asFailure(ProviderUnavailable failed) {
        return failed.retryable() ? failed
                : ApplicationFailure.newNonRetryableFailureWithCause(failed.getMessage(), "ProviderRefused", failed);
    }
}
