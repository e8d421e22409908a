package com.styleshepherd.api.conversations;

import com.styleshepherd.api.problem.FieldProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A spoken turn as uploaded: a WAV file of 16 kHz, mono, 16-bit PCM (what browsers' recorders and the
 * speech models agree on), within the size and duration limits. Anything else is a 400 naming {@code audio}.
 */
record WavClip(byte[] bytes, long durationMillis) {

    static final float SAMPLE_RATE = 16_000f;

    static WavClip check(byte[] bytes, ConversationSettings limits) {
        if (bytes.length == 0) {
            throw FieldProblem.of("audio", "is required: a WAV file (16 kHz, mono, 16-bit PCM) as multipart part \"audio\"");
        }
        if (bytes.length > limits.maxAudioSize()) {
            throw FieldProblem.of(io.micronaut.http.HttpStatus.REQUEST_ENTITY_TOO_LARGE, "audio",
                    "is " + bytes.length + " bytes; at most " + limits.maxAudioSize() + " are accepted");
        }
        AudioFileFormat file;
        try {
            file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(bytes));
        } catch (UnsupportedAudioFileException | IOException e) {
            throw FieldProblem.of("audio", "is not a readable WAV file");
        }
        AudioFormat format = file.getFormat();
        if (file.getType() != AudioFileFormat.Type.WAVE || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
                || format.getSampleRate() != SAMPLE_RATE || format.getChannels() != 1 || format.getSampleSizeInBits() != 16) {
            throw FieldProblem.of("audio", "must be WAV, 16 kHz, mono, 16-bit PCM; got " + file.getType() + " "
                    + format.getEncoding() + " " + (int) format.getSampleRate() + " Hz, " + format.getChannels()
                    + " channel(s), " + format.getSampleSizeInBits() + "-bit");
        }
        long frames = file.getFrameLength() > 0 ? file.getFrameLength() : (bytes.length - 44L) / 2;
        long millis = Math.round(frames * 1000.0 / SAMPLE_RATE);
        if (millis > limits.maxAudioDuration().toMillis()) {
            throw FieldProblem.of("audio", "lasts " + millis + " ms; at most " + limits.maxAudioDuration().toMillis()
                    + " ms are accepted");
        }
        if (millis < 100) {
            throw FieldProblem.of("audio", "is too short to hold speech (" + millis + " ms)");
        }
        return new WavClip(bytes, millis);
    }
}
