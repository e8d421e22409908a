package com.styleshepherd.gpu.speech;

/** Speech recognition: ElevenLabs speech-to-text in production, local Sphinx4 with a shopping grammar. */
public interface SpeechToText {

    /**
     * The words said, lower or mixed case, no punctuation guaranteed; empty when nothing was recognised.
     *
     * @param wav a WAV file of 16 kHz, mono, 16-bit PCM (the API checks uploads are)
     */
    String transcribe(byte[] wav);

    /** Which provider answers, for logs and the transcript. */
    String name();
}
