package com.styleshepherd.workflows.conversation;

import java.util.UUID;

/**
 * What came of a return asked for in conversation.
 *
 * @param returnId the return request, when one was made
 * @param item the returned product's name
 * @param problem why no return was made, in words, when {@code returnId} is null
 */
public record ReturnOutcome(UUID returnId, String item, String reason, String problem) {
}
