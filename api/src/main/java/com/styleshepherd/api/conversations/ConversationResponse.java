package com.styleshepherd.api.conversations;

import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.store.conversation.ConversationRecord;
import com.styleshepherd.store.conversation.ConversationStore.TranscriptTurn;
import com.styleshepherd.workflows.conversation.ConversationContext;
import com.styleshepherd.workflows.conversation.SearchSlots;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation: its state, its context (while it lives) and a page of its transcript.
 *
 * @param status ACTIVE or ENDED
 * @param context what the stylist remembers now; absent once the conversation has ended
 */
@Serdeable
public record ConversationResponse(
        UUID conversationId,
        String status,
        int turns,
        Instant startedAt,
        @Nullable Instant lastTurnAt,
        @Nullable Instant endedAt,
        @Nullable String endReason,
        @Nullable @Schema(nullable = false) Context context,
        PageResponse<TranscriptTurn> transcript) {

    static ConversationResponse of(ConversationRecord record, @Nullable ConversationContext context,
            PageResponse<TranscriptTurn> transcript) {
        return new ConversationResponse(record.id(), record.status(), record.turns(), record.startedAt(),
                record.lastTurnAt(), record.endedAt(), record.endReason(), context == null ? null : Context.of(context),
                transcript);
    }

    /** The summary of a listing. */
    @Serdeable
    public record Summary(UUID conversationId, String status, int turns, Instant startedAt, @Nullable Instant lastTurnAt,
            @Nullable Instant endedAt, @Nullable String endReason) {

        static Summary of(ConversationRecord r) {
            return new Summary(r.id(), r.status(), r.turns(), r.startedAt(), r.lastTurnAt(), r.endedAt(), r.endReason());
        }
    }

    @Serdeable
    public record Context(List<TurnResponse.Product> lastResults, List<TurnResponse.CartLine> cart, Search search,
            @Nullable Long focusProductId) {

        static Context of(ConversationContext c) {
            return new Context(c.lastResults().stream().map(TurnResponse.Product::of).toList(),
                    c.cart().stream().map(TurnResponse.CartLine::of).toList(),
                    Search.of(c.slots() == null ? SearchSlots.EMPTY : c.slots()), c.focusProductId());
        }
    }

    /** The product search the conversation is in: what the shopper asked for so far (absent: not said). */
    @Serdeable
    public record Search(@Nullable String colour, @Nullable String category, @Nullable String occasion,
            @Nullable BigDecimal minPrice, @Nullable BigDecimal maxPrice, @Nullable String size,
            @Nullable String keywords) {

        static Search of(SearchSlots s) {
            return new Search(s.colour(), s.category(), s.occasion(), s.minPrice(), s.maxPrice(), s.size(),
                    s.keywords());
        }
    }
}
