package com.styleshepherd.cache;

import com.styleshepherd.workflows.conversation.AudioClip;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Audio of conversation turns (what the shopper said, what the stylist answered), kept in Valkey for an
 * hour. Workflows pass {@link AudioClip} references, never the bytes, so histories stay small.
 */
@Singleton
public final class AudioStore {

    public static final Duration TTL = Duration.ofHours(1);

    private final ValkeyStore<StoredAudio> clips;

    AudioStore(ValkeyStores stores) {
        this.clips = stores.store("audio", StoredAudio.class, TTL);
    }

    /** Stores the bytes under {@code key} and returns the reference to pass around. */
    public AudioClip put(String key, String format, byte[] audio, long durationMillis) {
        clips.put(key, new StoredAudio(format, Base64.getEncoder().encodeToString(audio), durationMillis));
        return new AudioClip(key, format, audio.length, durationMillis);
    }

    public Optional<byte[]> bytes(String key) {
        return find(key).map(Audio::bytes);
    }

    /** The clip with its format ({@code wav}, {@code mp3}), to serve with the right media type. */
    public Optional<Audio> find(String key) {
        return clips.get(key).map(stored -> new Audio(stored.format(), Base64.getDecoder().decode(stored.base64())));
    }

    /** A kept clip. */
    public record Audio(String format, byte[] bytes) {

        /** The media type to serve it as. */
        public String mediaType() {
            return switch (format) {
                case "mp3" -> "audio/mpeg";
                case "wav" -> "audio/wav";
                default -> "application/octet-stream";
            };
        }
    }

    /** The clip's bytes as base64, as the API sends them. */
    public Optional<String> base64(String key) {
        return clips.get(key).map(StoredAudio::base64);
    }

    /** The value kept: base64 inside JSON, like every other Valkey value of the service. */
    @Serdeable
    record StoredAudio(String format, String base64, long durationMillis) {
    }
}
