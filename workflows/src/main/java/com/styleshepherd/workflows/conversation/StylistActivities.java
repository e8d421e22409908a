package com.styleshepherd.workflows.conversation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The stylist's language, on task queue {@code conversation}: an OpenAI-compatible chat model when one
 * is configured, else (and whenever the model is unavailable) deterministic rules.
 */
@ActivityInterface
public interface StylistActivities {

    /** The intent and entities of the shopper's words. */
    @ActivityMethod
    Understanding understand(String text, DialogueState state);

    /** The stylist's reply, in words, to what was said and done. */
    @ActivityMethod
    String compose(ReplyRequest request);
}
