package com.styleshepherd.gpu.speech;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;

/**
 * Local text-to-speech: FreeTTS's {@code kevin16} diphone voice (16 kHz, inside the freetts jar), rendered
 * into memory and served as a WAV file. Robotic but instant and offline: the dev stack's voice. FreeTTS
 * voices are not thread-safe, so one voice speaks one reply at a time (a reply takes a few milliseconds).
 */
public final class FreeTtsTextToSpeech implements TextToSpeech {

    private static final String VOICE = "kevin16";

    private final Voice voice;

    public FreeTtsTextToSpeech() {
        this.voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .filter(candidate -> candidate.getName().equals(VOICE))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("FreeTTS has no voice " + VOICE));
        voice.allocate();
    }

    @Override
    public synchronized Speech synthesize(String text) {
        Recording recording = new Recording();
        voice.setAudioPlayer(recording);
        if (!voice.speak(text)) {
            throw new IllegalStateException("FreeTTS could not speak the reply");
        }
        byte[] samples = recording.samples.toByteArray();
        float rate = recording.format.getSampleRate();
        return new Speech(Wav.of(samples, rate, recording.format.isBigEndian()), "wav", Wav.durationMillis(samples.length, rate));
    }

    @Override
    public String name() {
        return "freetts";
    }

    /** FreeTTS's audio output, kept in memory instead of played on a sound card. */
    private static final class Recording implements AudioPlayer {

        private final ByteArrayOutputStream samples = new ByteArrayOutputStream(64 * 1024);
        private AudioFormat format;

        @Override
        public void setAudioFormat(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public boolean write(byte[] audio) {
            return write(audio, 0, audio.length);
        }

        @Override
        public boolean write(byte[] audio, int offset, int length) {
            samples.write(audio, offset, length);
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public float getVolume() {
            return 1f;
        }

        @Override
        public void setVolume(float volume) {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
