package com.styleshepherd.workflows.conversation;

/**
 * The intent and entities of one utterance.
 *
 * @param source which stylist understood it: {@code rules}, {@code llm:<model>}, or {@code rules (llm unavailable)}
 */
public record Understanding(Intent intent, Entities entities, String source) {
}
