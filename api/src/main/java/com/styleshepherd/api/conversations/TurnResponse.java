package com.styleshepherd.api.conversations;

import com.styleshepherd.workflows.conversation.CartItem;
import com.styleshepherd.workflows.conversation.Entities;
import com.styleshepherd.workflows.conversation.ShownProduct;
import com.styleshepherd.workflows.conversation.TurnResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One answered turn.
 *
 * @param understoodBy {@code rules}, {@code llm:<model>} or {@code rules (llm unavailable)}
 * @param audio the spoken reply when {@code speak=true}: base64 inline, or a URL to fetch within the hour
 * @param ended whether the conversation ended with this turn (goodbye)
 */
@Serdeable
public record TurnResponse(
        UUID turnId,
        int number,
        String transcript,
        String intent,
        EntitiesResponse entities,
        String understoodBy,
        String reply,
        List<Product> products,
        List<CartLine> cart,
        @Nullable UUID checkoutId,
        @Nullable @Schema(nullable = false) Audio audio,
        boolean ended) {

    static TurnResponse of(TurnResult result, @Nullable Audio audio) {
        return new TurnResponse(result.turnId(), result.number(), result.transcript(),
                result.understanding().intent().name(), EntitiesResponse.of(result.understanding().entities()),
                result.understanding().source(), result.reply(), result.products().stream().map(Product::of).toList(),
                result.cart().stream().map(CartLine::of).toList(), result.checkoutId(), audio, result.ended());
    }

    /** What was found in the words; absent fields were not said. */
    @Serdeable
    public record EntitiesResponse(@Nullable String colour, @Nullable String category, @Nullable String occasion,
            @Nullable BigDecimal minPrice, @Nullable BigDecimal maxPrice, @Nullable String size,
            @Nullable Integer itemNumber, @Nullable Integer quantity, @Nullable String priceDirection,
            @Nullable String returnReason, @Nullable String preference, @Nullable String keywords) {

        static EntitiesResponse of(Entities e) {
            return new EntitiesResponse(e.colour(), e.category(), e.occasion(), e.minPrice(), e.maxPrice(), e.size(),
                    e.itemNumber(), e.quantity(), e.priceDirection(), e.returnReason(), e.preference(), e.keywords());
        }
    }

    /** A product shown, numbered from 1 in the order shown ("the second one"). */
    @Serdeable
    public record Product(long productId, String name, String category, @Nullable String colour, BigDecimal price,
            String currency, List<String> sizesInStock, @Nullable String reason) {

        static Product of(ShownProduct p) {
            return new Product(p.productId(), p.name(), p.category(), p.colour(), p.price(), p.currency(),
                    p.sizesInStock(), p.reason());
        }
    }

    @Serdeable
    public record CartLine(long productId, String name, String size, int quantity, BigDecimal unitPrice,
            String currency) {

        static CartLine of(CartItem item) {
            return new CartLine(item.productId(), item.name(), item.size(), item.quantity(), item.unitPrice(),
                    item.currency());
        }
    }

    /** The spoken reply: exactly one of {@code base64} and {@code url}. */
    @Serdeable
    public record Audio(String format, @Nullable String base64, @Nullable String url, int bytes, long durationMillis) {
    }
}
