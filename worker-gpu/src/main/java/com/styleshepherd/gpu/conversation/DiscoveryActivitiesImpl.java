package com.styleshepherd.gpu.conversation;

import com.styleshepherd.cache.TaggedCache;
import com.styleshepherd.search.Recommender;
import com.styleshepherd.search.SemanticMemory;
import com.styleshepherd.search.SemanticSearch;
import com.styleshepherd.search.TextEncoder;
import com.styleshepherd.store.catalog.CatalogProduct;
import com.styleshepherd.store.catalog.CatalogQuery;
import com.styleshepherd.store.catalog.ProductSize;
import com.styleshepherd.store.memory.NewMemory;
import com.styleshepherd.workflows.conversation.DiscoveryActivities;
import com.styleshepherd.workflows.conversation.ProductMatches;
import com.styleshepherd.workflows.conversation.SearchSlots;
import com.styleshepherd.workflows.conversation.ShownProduct;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Search, recommendations and preference memories for conversations, on the gpu worker's text model. */
@Singleton
class DiscoveryActivitiesImpl implements DiscoveryActivities {

    private final TextEncoder text;
    private final SemanticSearch search;
    private final Recommender recommender;
    private final SemanticMemory memory;
    private final TaggedCache cache;

    DiscoveryActivitiesImpl(TextEncoder text, SemanticSearch search, Recommender recommender, SemanticMemory memory,
            TaggedCache cache) {
        this.text = text;
        this.search = search;
        this.recommender = recommender;
        this.memory = memory;
        this.cache = cache;
    }

    @Override
    public ProductMatches findProducts(String userId, SearchSlots slots, int topK) {
        float[] query = text.embed(List.of(slots.queryText()))[0];
        List<ShownProduct> found = find(query, slots, slots.colour(), topK);
        if (found.isEmpty() && slots.colour() != null) {
            // No exact colour: the colour word is still in the query, so the closest shades rank first.
            List<ShownProduct> closest = find(query, slots, null, topK);
            return new ProductMatches(closest, closest.isEmpty() ? List.of() : List.of("colour"));
        }
        return new ProductMatches(found, List.of());
    }

    private List<ShownProduct> find(float[] query, SearchSlots slots, String colour, int topK) {
        CatalogQuery filters = new CatalogQuery(null, slots.category(), colour, slots.minPrice(), slots.maxPrice(),
                slots.size(), true);
        return search.search(text.modelId(), text.modelVersion(), query, filters, topK).stream()
                .map(hit -> shown(hit.product(), null)).toList();
    }

    @Override
    public ProductMatches recommend(String userId, String occasion, BigDecimal maxPrice, int topK) {
        Recommender.Recommendations recommendations =
                recommender.recommend(userId, new Recommender.Request(occasion, maxPrice, topK));
        return new ProductMatches(recommendations.items().stream()
                .map(item -> shown(item.product(), item.reasons().isEmpty() ? null : item.reasons().getFirst()))
                .toList(), List.of());
    }

    @Override
    public void rememberPreference(String userId, String preference) {
        memory.remember(userId, List.of(new NewMemory("preference", preference, Map.of("source", "conversation"))));
        cache.invalidateShopper(userId);
    }

    static ShownProduct shown(CatalogProduct product, String reason) {
        var p = product.product();
        return new ShownProduct(p.id(), p.name(), p.category(), p.color(), p.price(), p.currency(),
                product.sizes().stream().filter(s -> s.active() && s.stock() > 0).map(ProductSize::size).toList(), reason);
    }
}
