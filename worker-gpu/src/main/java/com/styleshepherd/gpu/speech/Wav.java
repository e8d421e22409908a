package com.styleshepherd.gpu.speech;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** WAV files of mono 16-bit PCM, the speech format of the service, through {@code javax.sound.sampled}. */
public final class Wav {

    private Wav() {
    }

    /** A WAV file of the samples (16-bit, mono, {@code bigEndian} as given) at {@code sampleRate}. */
    public static byte[] of(byte[] samples, float sampleRate, boolean bigEndian) {
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, bigEndian);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(samples), format, samples.length / 2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length + 44);
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The samples of a WAV file as 16-bit little-endian PCM (what speech recognisers read). */
    public static byte[] littleEndianSamples(byte[] wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1
                    || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IllegalArgumentException("not mono 16-bit PCM: " + format);
            }
            byte[] samples = in.readAllBytes();
            if (format.isBigEndian()) {
                for (int i = 0; i + 1 < samples.length; i += 2) {
                    byte high = samples[i];
                    samples[i] = samples[i + 1];
                    samples[i + 1] = high;
                }
            }
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException("not a WAV file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long the samples of 16-bit mono PCM at {@code sampleRate} play. */
    public static long durationMillis(int sampleBytes, float sampleRate) {
        return Math.round(sampleBytes / 2.0 / sampleRate * 1000);
    }
}
