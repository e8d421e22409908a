package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/**
 * A reference to audio kept outside the workflow's history (claim check): the bytes live in Valkey for
 * an hour under {@code key}; only this small record travels through Temporal.
 *
 * @param format {@code wav} (16-bit PCM), {@code mp3}, ...
 */
public record AudioClip(String key, String format, int bytes, long durationMillis) {

    /** Where a turn's spoken words are kept. */
    public static String saidKey(UUID conversationId, UUID turnId) {
        return conversationId + "/" + turnId + "/said";
    }

    /** Where a turn's spoken reply is kept. */
    public static String replyKey(UUID conversationId, UUID turnId) {
        return conversationId + "/" + turnId + "/reply";
    }
}
