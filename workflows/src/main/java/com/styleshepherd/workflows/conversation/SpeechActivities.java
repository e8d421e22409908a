package com.styleshepherd.workflows.conversation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Speech models, on task queue {@code gpu}. Audio travels by reference ({@link AudioClip}): the bytes
 * stay in Valkey, out of the workflow's history.
 */
@ActivityInterface
public interface SpeechActivities {

    /** The words in the clip (ElevenLabs speech-to-text, or local Sphinx4 with a shopping grammar). */
    @ActivityMethod
    String transcribe(AudioClip clip);

    /** The reply spoken (ElevenLabs, or local FreeTTS), stored for an hour. */
    @ActivityMethod
    AudioClip synthesize(String text, String clipKey);
}
