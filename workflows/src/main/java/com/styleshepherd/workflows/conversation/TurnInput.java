package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/**
 * One thing the shopper said: text, or audio to transcribe (exactly one of them).
 *
 * @param turnId the turn's id; also the Update id, so a retried request is answered once
 * @param speak whether to answer with audio as well
 */
public record TurnInput(UUID turnId, String text, AudioClip audio, boolean speak) {
}
