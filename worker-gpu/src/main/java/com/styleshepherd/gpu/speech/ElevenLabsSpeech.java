package com.styleshepherd.gpu.speech;

import com.styleshepherd.providers.ProviderHttp;
import com.styleshepherd.providers.ProviderUnavailable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * ElevenLabs speech: {@code POST /v1/speech-to-text} (multipart {@code file} + {@code model_id}) and
 * {@code POST /v1/text-to-speech/{voice_id}?output_format=...} (JSON {@code text} + {@code model_id},
 * audio bytes back), authenticated by {@code xi-api-key}, called the {@link ProviderHttp} way.
 */
public final class ElevenLabsSpeech implements SpeechToText, TextToSpeech {

    private final ElevenLabsSettings settings;
    private final JsonMapper json;
    private final ProviderHttp http;

    public ElevenLabsSpeech(ElevenLabsSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = new ProviderHttp("ElevenLabs", settings.timeout(), settings.maxAttempts(), settings.initialBackoff(),
                settings.requestsPerSecond(), this::errorMessage);
    }

    @Override
    public String transcribe(byte[] wav) {
        HttpEntity form = MultipartEntityBuilder.create()
                .addTextBody("model_id", settings.transcriptionModel())
                .addTextBody("language_code", "en")
                .addTextBody("tag_audio_events", "false")
                .addBinaryBody("file", wav, ContentType.create("audio/wav"), "turn.wav")
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream(wav.length + 512);
        try {
            form.writeTo(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] answer = http.send(request("/v1/speech-to-text")
                .header("Content-Type", form.getContentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        Transcription transcription = read(answer, Transcription.class);
        return transcription.text() == null ? "" : transcription.text().strip();
    }

    @Override
    public Speech synthesize(String text) {
        byte[] audio;
        try {
            audio = http.send(request("/v1/text-to-speech/" + URLEncoder.encode(settings.voiceId(), StandardCharsets.UTF_8)
                            + "?output_format=" + settings.outputFormat())
                    .header("Content-Type", "application/json")
                    .header("Accept", settings.outputFormat().startsWith("mp3") ? "audio/mpeg" : "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(
                            new SpeechRequest(text, settings.voiceModel())))));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        String[] format = settings.outputFormat().split("_");
        if (format[0].equals("pcm")) {
            // Raw 16-bit little-endian mono samples: served as a WAV file, like the local voice.
            float rate = Float.parseFloat(format[1]);
            return new Speech(Wav.of(audio, rate, false), "wav", Wav.durationMillis(audio.length, rate));
        }
        long bitsPerSecond = Long.parseLong(format[2]) * 1000;
        return new Speech(audio, "mp3", audio.length * 8_000L / bitsPerSecond);
    }

    @Override
    public String name() {
        return "elevenlabs";
    }

    private HttpRequest.Builder request(String path) {
        String root = settings.baseUrl().toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(java.net.URI.create(root + path)).header("xi-api-key", settings.apiKey());
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, Argument.of(type));
        } catch (IOException unreadable) {
            throw new ProviderUnavailable("ElevenLabs answered with unreadable JSON: " + unreadable.getMessage(), false,
                    unreadable);
        }
    }

    /** ElevenLabs errors: {@code {"detail": {"status": "...", "message": "..."}}}, or a list for validation errors. */
    private String errorMessage(byte[] body) {
        try {
            Map<String, Object> error = json.readValue(body, Argument.mapOf(String.class, Object.class));
            Object detail = error.get("detail");
            if (detail instanceof Map<?, ?> described && described.get("message") != null) {
                return String.valueOf(described.get("message"));
            }
            return detail == null ? null : String.valueOf(detail);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    @Serdeable
    record SpeechRequest(String text, @com.fasterxml.jackson.annotation.JsonProperty("model_id") String modelId) {
    }

    /** The parts of the speech-to-text answer used; {@code words} carry timings, ignored here. */
    @Serdeable
    record Transcription(@com.fasterxml.jackson.annotation.JsonProperty("language_code") String languageCode,
            String text) {
    }
}
