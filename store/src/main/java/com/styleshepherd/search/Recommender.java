package com.styleshepherd.search;

import com.styleshepherd.store.catalog.CatalogProduct;
import com.styleshepherd.store.catalog.CatalogQuery;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.store.catalog.ProductSize;
import com.styleshepherd.store.memory.MemoryVector;
import com.styleshepherd.store.shopper.ShopperHistory;
import com.styleshepherd.store.shopper.ShopperHistory.Purchase;
import com.styleshepherd.store.shopper.ShopperProfile;
import com.styleshepherd.store.shopper.ShopperProfiles;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.lucene.util.VectorUtil;

/**
 * Products for one shopper, from everything the shop knows about their taste, diversified.
 *
 * <ol>
 *   <li><b>Taste.</b> One vector in the catalog's text space, a weighted sum of the signals: the
 *       occasion asked for, the profile's styles, colours and occasions, the shopper's stated
 *       preferences (memories), what they bought and kept or sent back for its size, minus what they
 *       sent back for its style or quality (a Rocchio-style query).</li>
 *   <li><b>Hard constraints</b>, exact and in SQL: in stock, within the request's {@code maxPrice} and
 *       the profile's budget; then per product: in stock in the shopper's usual size for its category
 *       when the profile names one. Products already bought are left out.</li>
 *   <li><b>Diversity</b>: maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998) over the
 *       products' vectors: each pick maximises {@code λ·relevance − (1−λ)·similarity to the picks so far}
 *       ({@value #LAMBDA}); near-duplicates (similarity ≥ {@value #NEAR_DUPLICATE}, e.g. the same shirt in
 *       another colour) come only when nothing else is left.</li>
 * </ol>
 * A shopper the shop knows nothing about (no profile, history, preferences or occasion) gets the
 * best sellers of the last {@link #BEST_SELLER_WINDOW}, then the newest products, diversified the same way.
 * Every item says why it was picked.
 */
@Singleton
public class Recommender {

    static final double LAMBDA = 0.7;
    /**
     * all-MiniLM-L6-v2 puts the product texts of one t-shirt in two colours at 0.78 to 0.87, two different
     * dresses for the same occasion at 0.66, a running tee and a cotton t-shirt at 0.63, a t-shirt and a
     * scarf at 0.42 (measured on RecommendationApiTest's products).
     */
    static final float NEAR_DUPLICATE = 0.75f;
    static final int MAX_PREFERENCES = 20;
    static final int MAX_PURCHASES = 50;
    static final Duration BEST_SELLER_WINDOW = Duration.ofDays(90);
    /** A signal explains an item only when the item is at least this close to it. */
    static final float EXPLAINS = 0.25f;

    private final TextEncoder text;
    private final SemanticSearch search;
    private final ProductCatalog catalog;
    private final ShopperProfiles profiles;
    private final ShopperHistory history;
    private final SemanticMemory memories;

    Recommender(TextEncoder text, SemanticSearch search, ProductCatalog catalog, ShopperProfiles profiles,
            ShopperHistory history, SemanticMemory memories) {
        this.text = text;
        this.search = search;
        this.catalog = catalog;
        this.profiles = profiles;
        this.history = history;
        this.memories = memories;
    }

    /** What to ask for: an occasion ("wedding", "office"), a price ceiling, how many. */
    public record Request(@Nullable String occasion, @Nullable BigDecimal maxPrice, int topK) {
    }

    /** The recommendations, and what they were based on. */
    public record Recommendations(String model, List<Item> items, Basis basedOn) {
    }

    /**
     * One recommended product.
     *
     * @param score cosine similarity to the shopper's taste (or, for a shopper without any, the share of
     *     the best seller's sales)
     * @param size the shopper's usual size for this category, in stock; null when the profile names none
     * @param reasons why, in the shopper's words: the strongest signal first, then the constraints met
     */
    public record Item(CatalogProduct product, float score, @Nullable String size, List<String> reasons) {
    }

    /** What the shop knew about the shopper when it picked. */
    public record Basis(@Nullable String occasion, List<String> styles, List<String> colours, int preferences,
            int purchases, int styleReturns, @Nullable BigDecimal minPrice, @Nullable BigDecimal maxPrice,
            Map<String, String> sizes, boolean bestSellers) {
    }

    public Recommendations recommend(String userId, Request request) {
        ShopperProfile profile = profiles.find(userId).orElse(ShopperProfile.EMPTY);
        List<Purchase> purchases = history.purchases(userId, MAX_PURCHASES);
        List<MemoryVector> preferences = memories.preferences(userId, MAX_PREFERENCES);
        ExactVectorIndex index = search.index(text.modelId(), text.modelVersion());
        Taste taste = taste(request.occasion(), profile, preferences, purchases, index);

        BigDecimal maxPrice = min(request.maxPrice(), profile.budget() == null ? null : profile.budget().max());
        BigDecimal minPrice = profile.budget() == null ? null : profile.budget().min();
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            minPrice = null; // the request asked for less than the budget's floor: the request wins
        }
        BitSet allowed = catalog.matchingIds(new CatalogQuery(null, null, null, minPrice, maxPrice, null, true));
        purchases.forEach(bought -> allowed.clear(Math.toIntExact(bought.productId())));

        List<Candidate> candidates = taste.vector() == null
                ? List.of()
                : nearest(taste.vector(), allowed, index, profile, request.topK());
        // No taste yet, or no product embedded yet (a fresh catalog): the best sellers and the newest.
        boolean bestSellers = candidates.isEmpty();
        if (bestSellers) {
            candidates = bestSellers(allowed, index, profile, request.topK());
        }
        List<Candidate> picked = diversify(candidates, request.topK());

        boolean withinBudget = profile.budget() != null && (profile.budget().max() != null || profile.budget().min() != null);
        List<Item> items = picked.stream()
                .map(candidate -> new Item(candidate.product(), candidate.relevance(), candidate.size(),
                        reasons(candidate, taste, bestSellers, withinBudget)))
                .toList();
        int styleReturns = (int) purchases.stream().filter(Purchase::dislikedStyle).count();
        Basis basis = new Basis(request.occasion(), profile.style().styles(), profile.style().colours(),
                preferences.size(), purchases.size(), styleReturns, minPrice, maxPrice, profile.usualSizes(),
                bestSellers);
        return new Recommendations(text.modelName(), items, basis);
    }

    // ----------------------------------------------------------------------------------------------
    // Taste
    // ----------------------------------------------------------------------------------------------

    enum Kind { OCCASION, STYLE, PREFERENCE, PURCHASE, DISLIKED }

    /** One thing known about the shopper, as a vector with its weight in the taste. */
    record Signal(Kind kind, String label, float[] vector, float weight) {
    }

    /** The shopper's taste vector (null when nothing is known) and the signals it was made of. */
    record Taste(@Nullable float[] vector, List<Signal> signals) {
    }

    private Taste taste(@Nullable String occasion, ShopperProfile profile, List<MemoryVector> preferences,
            List<Purchase> purchases, ExactVectorIndex index) {
        List<String> texts = new ArrayList<>();
        if (occasion != null) {
            texts.add("An outfit for " + occasion);
        }
        String style = styleText(profile.style());
        if (style != null) {
            texts.add(style);
        }
        float[][] encoded = text.embed(texts);
        List<Signal> signals = new ArrayList<>();
        int next = 0;
        if (occasion != null) {
            signals.add(new Signal(Kind.OCCASION, occasion, encoded[next++], 1.5f));
        }
        if (style != null) {
            signals.add(new Signal(Kind.STYLE, styleLabel(profile.style()), encoded[next], 0.6f));
        }
        for (MemoryVector preference : preferences) {
            signals.add(new Signal(Kind.PREFERENCE, preference.text(), preference.vector(), 0.6f / preferences.size()));
        }
        List<Purchase> liked = purchases.stream().filter(p -> !p.dislikedStyle()).toList();
        List<Purchase> disliked = purchases.stream().filter(Purchase::dislikedStyle).toList();
        for (Purchase bought : liked) {
            float[] vector = index.vectorOf(bought.productId());
            if (vector != null) {
                signals.add(new Signal(Kind.PURCHASE, bought.productName(), vector, 0.5f / liked.size()));
            }
        }
        for (Purchase returned : disliked) {
            float[] vector = index.vectorOf(returned.productId());
            if (vector != null) {
                signals.add(new Signal(Kind.DISLIKED, returned.productName(), vector, -0.3f / disliked.size()));
            }
        }
        if (signals.stream().noneMatch(signal -> signal.weight() > 0)) {
            return new Taste(null, signals);
        }
        float[] sum = new float[signals.get(0).vector().length];
        for (Signal signal : signals) {
            for (int d = 0; d < sum.length && d < signal.vector().length; d++) {
                sum[d] += signal.weight() * signal.vector()[d];
            }
        }
        return new Taste(unit(sum), signals);
    }

    private static String styleText(ShopperProfile.StylePreferences style) {
        List<String> parts = new ArrayList<>();
        if (!style.styles().isEmpty()) {
            parts.add(String.join(", ", style.styles()) + " style");
        }
        if (!style.colours().isEmpty()) {
            parts.add("in " + String.join(", ", style.colours()));
        }
        if (!style.occasions().isEmpty()) {
            parts.add("for " + String.join(", ", style.occasions()));
        }
        return parts.isEmpty() ? null : "Clothes: " + String.join(", ", parts);
    }

    private static String styleLabel(ShopperProfile.StylePreferences style) {
        List<String> words = new ArrayList<>(style.styles());
        words.addAll(style.colours());
        words.addAll(style.occasions());
        return String.join(", ", words);
    }

    // ----------------------------------------------------------------------------------------------
    // Candidates
    // ----------------------------------------------------------------------------------------------

    /** A product that passed every constraint, with its vector (null when not embedded yet). */
    record Candidate(CatalogProduct product, @Nullable float[] vector, float relevance, @Nullable String size) {
    }

    /**
     * The products closest to the taste that fit the shopper: a pool of 20 per requested item, widened
     * while the size rule leaves too few and more products are allowed.
     */
    private List<Candidate> nearest(float[] taste, BitSet allowed, ExactVectorIndex index, ShopperProfile profile,
            int topK) {
        int available = allowed.cardinality();
        int pool = Math.max(200, topK * 20);
        while (true) {
            List<ExactVectorIndex.Hit> hits = index.search(taste, pool, allowed);
            Map<Long, Float> relevance = new HashMap<>();
            hits.forEach(hit -> relevance.put(hit.productId(), hit.score()));
            List<Candidate> fitting = fitting(hits.stream().map(ExactVectorIndex.Hit::productId).toList(), profile,
                    id -> relevance.get(id), index);
            if (fitting.size() >= topK * 3 || hits.size() < pool || pool >= available) {
                return fitting;
            }
            pool *= 4;
        }
    }

    /** Best sellers first (relevance: their share of the top seller's units), then the newest products. */
    private List<Candidate> bestSellers(BitSet allowed, ExactVectorIndex index, ShopperProfile profile, int topK) {
        int pool = Math.max(200, topK * 20);
        Map<Long, Long> sold = history.bestSellers(BEST_SELLER_WINDOW, pool);
        long top = sold.values().stream().mapToLong(Long::longValue).max().orElse(1);
        Map<Long, Float> relevance = new LinkedHashMap<>();
        sold.forEach((id, units) -> {
            if (allowed.get(Math.toIntExact(id))) {
                relevance.put(id, (float) units / top);
            }
        });
        for (int id = allowed.length() - 1; id >= 0 && relevance.size() < pool; id = allowed.previousSetBit(id - 1)) {
            relevance.putIfAbsent((long) id, 0f);
        }
        return fitting(List.copyOf(relevance.keySet()), profile, relevance::get, index);
    }

    private List<Candidate> fitting(List<Long> ids, ShopperProfile profile, LongFunction<Float> relevance,
            ExactVectorIndex index) {
        List<Candidate> fitting = new ArrayList<>();
        for (CatalogProduct product : catalog.findAll(ids)) {
            String usual = profile.usualSizes().get(product.product().category());
            String size = null;
            if (usual != null) {
                size = product.sizes().stream()
                        .filter(s -> s.active() && s.stock() > 0 && s.size().equalsIgnoreCase(usual))
                        .map(ProductSize::size).findFirst().orElse(null);
                if (size == null) {
                    continue;
                }
            } else if (product.sizes().stream().noneMatch(s -> s.active() && s.stock() > 0)) {
                continue;
            }
            long id = product.product().id();
            fitting.add(new Candidate(product, index.vectorOf(id), relevance.apply(id), size));
        }
        return fitting;
    }

    // ----------------------------------------------------------------------------------------------
    // Diversity and reasons
    // ----------------------------------------------------------------------------------------------

    /** Maximal marginal relevance; near-duplicates of a pick only fill what nothing else can. */
    static List<Candidate> diversify(List<Candidate> candidates, int topK) {
        List<Candidate> picked = new ArrayList<>();
        List<Candidate> left = new ArrayList<>(candidates);
        List<Candidate> nearDuplicates = new ArrayList<>();
        pick(left, picked, nearDuplicates, topK, true);
        pick(nearDuplicates, picked, new ArrayList<>(), topK, false);
        return picked;
    }

    private static void pick(List<Candidate> left, List<Candidate> picked, List<Candidate> nearDuplicates, int topK,
            boolean skipNearDuplicates) {
        while (picked.size() < topK && !left.isEmpty()) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                Candidate candidate = left.get(i);
                float closest = closest(candidate, picked);
                if (skipNearDuplicates && closest >= NEAR_DUPLICATE) {
                    nearDuplicates.add(left.remove(i--));
                    continue;
                }
                double score = LAMBDA * candidate.relevance() - (1 - LAMBDA) * Math.max(0, closest);
                if (score > bestScore) {
                    bestScore = score;
                    best = i;
                }
            }
            if (best >= 0) {
                picked.add(left.remove(best));
            }
        }
    }

    private static float closest(Candidate candidate, List<Candidate> picked) {
        float closest = -1;
        if (candidate.vector() == null) {
            return 0;
        }
        for (Candidate other : picked) {
            if (other.vector() != null && other.vector().length == candidate.vector().length) {
                closest = Math.max(closest, VectorUtil.dotProduct(candidate.vector(), other.vector()));
            }
        }
        return closest;
    }

    private static List<String> reasons(Candidate candidate, Taste taste, boolean bestSellers, boolean withinBudget) {
        List<String> reasons = new ArrayList<>();
        if (bestSellers) {
            reasons.add(candidate.relevance() > 0 ? "Popular right now" : "New in");
        } else if (candidate.vector() != null) {
            Signal strongest = null;
            float best = EXPLAINS;
            for (Signal signal : taste.signals()) {
                if (signal.weight() > 0 && signal.vector().length == candidate.vector().length) {
                    float similarity = VectorUtil.dotProduct(signal.vector(), candidate.vector());
                    if (similarity >= best) {
                        best = similarity;
                        strongest = signal;
                    }
                }
            }
            if (strongest != null) {
                reasons.add(switch (strongest.kind()) {
                    case OCCASION -> "Suits " + strongest.label();
                    case STYLE -> "Matches your style: " + strongest.label();
                    case PREFERENCE -> "You said: \u201c" + strongest.label() + "\u201d";
                    case PURCHASE -> "Goes with the " + strongest.label() + " you bought";
                    case DISLIKED -> throw new IllegalStateException("a negative signal explains nothing");
                });
            }
        }
        if (candidate.size() != null) {
            reasons.add("In stock in your size " + candidate.size());
        }
        if (withinBudget) {
            reasons.add("Within your budget");
        }
        return reasons;
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(VectorUtil.dotProduct(vector, vector));
        if (norm < 1e-9) {
            return null;
        }
        float[] unit = new float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            unit[d] = (float) (vector[d] / norm);
        }
        return unit;
    }

    private static BigDecimal min(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
