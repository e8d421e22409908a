package com.styleshepherd.activities.conversation;

import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.ReplyRequest;
import com.styleshepherd.workflows.conversation.Understanding;

/**
 * The stylist's language: reading the shopper's words and answering them. Two implementations: the
 * deterministic {@link RuleBasedStylist} (local default) and {@link ChatStylist} (an OpenAI-compatible
 * chat model, falling back to the rules whenever the model is unavailable).
 */
public interface Stylist {

    Understanding understand(String text, DialogueState state);

    String compose(ReplyRequest request);
}
