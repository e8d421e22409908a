package com.styleshepherd.api.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** What a spoken turn must be: WAV, 16 kHz, mono, 16-bit PCM, within size and duration. */
class WavClipTest {

    private static final ConversationSettings LIMITS =
            new ConversationSettings(Duration.ofMinutes(30), 50, 5, 2L * 1024 * 1024, Duration.ofSeconds(30), true,
                    Duration.ofSeconds(60));

    @Test
    void acceptsSixteenKilohertzMonoAndMeasuresIt() throws IOException {
        WavClip clip = WavClip.check(wav(16_000, 1, 2.5), LIMITS);
        assertEquals(2500, clip.durationMillis());
    }

    @Test
    void refusesOtherFormatsLengthsAndNonAudio() throws IOException {
        assertTrue(message(wav(8_000, 1, 1)).contains("8000 Hz"));
        assertTrue(message(wav(16_000, 2, 1)).contains("2 channel(s)"));
        assertTrue(message(wav(16_000, 1, 31)).contains("at most 30000 ms"));
        assertTrue(message(wav(16_000, 1, 0.05)).contains("too short"));
        assertTrue(message("RIFF, but not really".getBytes()).contains("not a readable WAV"));
    }

    private static String message(byte[] bytes) {
        ConstraintViolationThrowableProblem problem =
                assertThrows(ConstraintViolationThrowableProblem.class, () -> WavClip.check(bytes, LIMITS));
        assertEquals("audio", problem.getViolations().getFirst().getField());
        return problem.getViolations().getFirst().getMessage();
    }

    /** Silence of the given rate, channels and length, as a WAV file. */
    static byte[] wav(int rate, int channels, double seconds) throws IOException {
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        int frames = (int) (rate * seconds);
        byte[] pcm = new byte[frames * channels * 2];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames), AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
