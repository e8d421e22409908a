package com.styleshepherd.workflows.conversation;

/** What the reply step puts into words: what was said, understood and done. */
public record ReplyRequest(String userId, String text, Understanding understanding, TurnOutcome outcome,
        SearchSlots slots) {
}
