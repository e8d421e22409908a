package com.styleshepherd.store.conversation;

import com.styleshepherd.workflows.conversation.AudioClip;
import com.styleshepherd.workflows.conversation.CartItem;
import com.styleshepherd.workflows.conversation.ConversationContext;
import com.styleshepherd.workflows.conversation.Entities;
import com.styleshepherd.workflows.conversation.SearchSlots;
import com.styleshepherd.workflows.conversation.ShownProduct;
import com.styleshepherd.workflows.conversation.TurnResult;
import com.styleshepherd.workflows.conversation.Understanding;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets Micronaut Serde read and write the conversation payload records kept as JSON in PostgreSQL (the
 * transcript) and Valkey (the context).
 */
@SerdeImport(TurnResult.class)
@SerdeImport(Understanding.class)
@SerdeImport(Entities.class)
@SerdeImport(ShownProduct.class)
@SerdeImport(CartItem.class)
@SerdeImport(AudioClip.class)
@SerdeImport(ConversationContext.class)
@SerdeImport(SearchSlots.class)
final class ConversationPayloadsSerde {

    private ConversationPayloadsSerde() {
    }
}
