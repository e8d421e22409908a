package com.styleshepherd.gpu.speech;

/** Speech synthesis: ElevenLabs text-to-speech in production, local FreeTTS. */
public interface TextToSpeech {

    /** The text spoken. */
    Speech synthesize(String text);

    /** Which provider answers, for logs. */
    String name();

    /**
     * Rendered speech.
     *
     * @param format {@code wav} or {@code mp3}, as the API serves it
     */
    record Speech(byte[] audio, String format, long durationMillis) {
    }
}
