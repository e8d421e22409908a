package com.styleshepherd.api.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.catalog.TestProduct;
import com.styleshepherd.api.checkout.CheckoutFixtures;
import com.styleshepherd.api.search.CatalogEmbeddings;
import com.styleshepherd.cache.ConversationContexts;
import com.styleshepherd.cache.SessionStore;
import com.styleshepherd.gpu.speech.FreeTtsTextToSpeech;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scripted dialogues over HTTP, with both workers in-process against real PostgreSQL, Redis and the
 * Temporal test server, real embeddings and the local rule-based stylist. The products here are the only
 * lilac, mustard, cobalt and rust ones of the shared test catalog, so searches by those colours are exact.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.speech.local.warm-up", value = "true")
// The first spoken turn may still find the recogniser being built: seconds on two busy cores.
@Property(name = "micronaut.http.client.read-timeout", value = "60s")
class ConversationApiTest implements RealInfrastructure {

    static final Map<String, Object> WALLET = Map.of("paymentMethod", "pm_card_visa", "shippingAddress",
            Map.of("name", "Ada Lovelace", "line1", "1 Loom Street", "city", "London", "postalCode", "N1 9GU",
                    "country", "GB"));

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CatalogEmbeddings embeddings;

    @Inject
    CheckoutFixtures fixtures;

    @Inject
    ConversationContexts contexts;

    @Inject
    SessionStore sessions;

    private String ops;
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    void setUp() {
        ops = tokens.ops("ops-conversation");
        save("WRAP", "Lilac Wrap Dress", "Flowing wrap dress for weddings and garden parties", "dresses", "lilac",
                "60.00", Map.of("S", 3, "M", 3, "L", 0));
        save("SLIP", "Lilac Satin Slip Dress", "Satin slip dress for evening parties", "dresses", "lilac", "120.00",
                Map.of("S", 3, "M", 3, "L", 3));
        save("LINEN", "Lilac Linen Midi Dress", "Light linen midi dress for summer", "dresses", "lilac", "45.00",
                Map.of("M", 4));
        save("GOWN", "Lilac Silk Gown", "Silk gown for formal evenings and galas", "dresses", "lilac", "240.00",
                Map.of("S", 2, "M", 2));
        save("CARDIGAN", "Mustard Chunky Cardigan", "Chunky knit cardigan for cosy weekends", "knitwear", "mustard",
                "70.00", Map.of("S", 5, "M", 5, "L", 5));
        save("LEGGINGS", "Cobalt Running Leggings", "Stretch leggings for running and the gym", "activewear",
                "cobalt", "40.00", Map.of("S", 5, "M", 5));
        save("TOTE", "Rust Leather Tote", "Roomy leather tote for work", "bags", "rust", "150.00",
                Map.of("ONE SIZE", 5));
        Map<String, Object> job = embeddings.run(ops);
        assertEquals("COMPLETED", job.get("state"), job.toString());
    }

    // --- Dialogue 1: a search, then "cheaper ones" ----------------------------------------------------

    @Test
    void aSearchThenCheaperOnes() {
        Talk talk = new Talk();
        Reply first = talk.say("Show me lilac dresses");
        assertIntent("SEARCH", first);
        assertEquals("lilac", entities(first).get("colour"));
        assertEquals("dresses", entities(first).get("category"));
        assertEquals(List.of("GOWN", "LINEN", "SLIP", "WRAP"), skus(first).stream().sorted().toList(),
                "every lilac dress with stock, and nothing else");
        assertTrue(((String) first.body().get("reply")).contains("lilac dresses"), first.body().toString());

        Reply cheaper = talk.say("Show me cheaper ones");
        assertIntent("REFINE", cheaper);
        assertEquals("cheaper", entities(cheaper).get("priceDirection"));
        // Median of 45, 60, 120, 240 is 90: cheaper means under it, still lilac dresses.
        assertEquals(List.of("LINEN", "WRAP"), skus(cheaper).stream().sorted().toList());
    }

    // --- Dialogue 2: a budget, then "the second one in M" ---------------------------------------------

    @Test
    void aBudgetThenTheSecondOneInM() {
        Talk talk = new Talk();
        Reply found = talk.say("I'm looking for a lilac dress under 100 dollars");
        assertIntent("SEARCH", found);
        assertEquals(0, new BigDecimal("100").compareTo(new BigDecimal(entities(found).get("maxPrice").toString())));
        List<String> skus = skus(found);
        assertEquals(List.of("LINEN", "WRAP"), skus.stream().sorted().toList());

        Reply added = talk.say("Add the second one in M");
        assertIntent("ADD_TO_CART", added);
        assertEquals(2, entities(added).get("itemNumber"));
        assertEquals("M", entities(added).get("size"));
        List<Map<String, Object>> cart = cart(added);
        assertEquals(1, cart.size());
        assertEquals(ids.get(skus.get(1)), ((Number) cart.get(0).get("productId")).longValue(), "the second one shown");
        assertEquals("M", cart.get(0).get("size"));
    }

    // --- Dialogue 3: the stylist asks which size; a bare "medium" answers ------------------------------

    @Test
    void theStylistAsksForTheSizeAndABareSizeAnswers() {
        Talk talk = new Talk();
        talk.say("Find me a satin slip dress in lilac");
        Reply asked = talk.say("I'll take the first one");
        assertIntent("ADD_TO_CART", asked);
        assertTrue(cart(asked).isEmpty());
        assertTrue(((String) asked.body().get("reply")).startsWith("Which size"), asked.body().toString());

        Reply answered = talk.say("medium please");
        assertIntent("ADD_TO_CART", answered);
        assertEquals("M", cart(answered).get(0).get("size"));

        Reply outOfStock = talk.say("Show me lilac dresses under 70 dollars");
        assertEquals(List.of("LINEN", "WRAP"), skus(outOfStock).stream().sorted().toList());
        int wrap = skus(outOfStock).indexOf("WRAP") + 1;
        Reply none = talk.say("Add number " + wrap + " in large");
        assertTrue(((String) none.body().get("reply")).contains("isn't in stock in L"), none.body().toString());
        assertEquals(1, cart(none).size(), "nothing added");
    }

    // --- Dialogue 4: size advice from the profile ----------------------------------------------------

    @Test
    void sizeAdviceUsesTheUsualSize() {
        Talk talk = new Talk();
        assertEquals(200, api.put("/api/me/profile", talk.token, Map.of("usualSizes", Map.of("dresses", "S"))).status());
        Reply shown = talk.say("Show me lilac gowns");
        Reply which = talk.say("What size should I get?");
        assertTrue(((String) which.body().get("reply")).startsWith("Which one do you mean?"), "four lilac dresses shown");
        Reply advice = talk.say("What size should I get for number " + (skus(shown).indexOf("GOWN") + 1) + "?");
        assertIntent("SIZE_ADVICE", advice);
        String reply = (String) advice.body().get("reply");
        assertTrue(reply.contains("I'd go for S") && reply.contains("usually wear in dresses"), reply);

        Reply addIt = talk.say("Add it in S");
        assertEquals(ids.get("GOWN"), ((Number) cart(addIt).get(0).get("productId")).longValue(), "'it' is the gown");

        // The transcript records what sized each advice turn (V8 conversation_turns.sized_by).
        assertEquals(List.of("none-asked", "none-asked", "usual-size", "none-asked"), sizedBy(talk));

        // No size model in this context, but height and weight saved: the reply asks only for what is missing.
        Talk measured = new Talk();
        assertEquals(200, api.put("/api/me/profile", measured.token,
                Map.of("measurements", Map.of("heightCm", 165, "weightKg", 58))).status());
        Reply gowns = measured.say("Show me lilac gowns");
        Reply unsized = measured.say("What size should I get for number " + (skus(gowns).indexOf("GOWN") + 1) + "?");
        assertIntent("SIZE_ADVICE", unsized);
        String asked = (String) unsized.body().get("reply");
        assertTrue(asked.contains("your bust or chest measurement") && asked.contains("usually wear in dresses"), asked);
        assertFalse(asked.contains("need your height") || asked.contains("Tell me your height"), asked);
        assertEquals("none", sizedBy(measured).get(1));
    }

    /** Each turn's {@code sizedBy} in the transcript; "none-asked" for turns that gave no size advice. */
    private List<String> sizedBy(Talk talk) {
        Reply read = api.get("/api/conversations/" + talk.id, talk.token);
        assertEquals(200, read.status(), read.body().toString());
        List<?> turns = (List<?>) ((Map<?, ?>) read.body().get("transcript")).get("items");
        return turns.stream().map(turn -> ((Map<?, ?>) turn).get("sizedBy"))
                .map(value -> value == null ? "none-asked" : (String) value).toList();
    }

    // --- Dialogue 5: the cart: add two, remove one by name, read it back -------------------------------

    @Test
    void removeFromTheCartByNameAndReadItBack() {
        Talk talk = new Talk();
        talk.say("Show me mustard cardigans");
        talk.say("Add the first one in L");
        talk.say("Do you have cobalt leggings?");
        Reply two = talk.say("Add 2 of them in S");
        assertEquals(2, cart(two).size(), two.body().toString());
        assertEquals(2, cart(two).get(1).get("quantity"));

        Reply removed = talk.say("Remove the cardigan");
        assertIntent("REMOVE_FROM_CART", removed);
        assertEquals("knitwear", entities(removed).get("category"));
        assertEquals(1, cart(removed).size());
        assertEquals(ids.get("LEGGINGS"), ((Number) cart(removed).get(0).get("productId")).longValue());

        Reply shown = talk.say("What's in my cart?");
        assertIntent("SHOW_CART", shown);
        assertTrue(((String) shown.body().get("reply")).contains("2 × Cobalt Running Leggings"), shown.body().toString());
    }

    // --- Dialogue 6: checkout as a child workflow, then order status and a return ------------------------

    @Test
    void checkoutOrderStatusAndReturn() {
        Talk talk = new Talk(WALLET);
        talk.say("I need a mustard cardigan");
        talk.say("Add it in M");
        Reply checkout = talk.say("Check out please");
        assertIntent("CHECKOUT", checkout);
        String checkoutId = (String) checkout.body().get("checkoutId");
        assertNotNull(checkoutId, checkout.body().toString());
        assertTrue(cart(checkout).isEmpty(), "the cart was bought");
        Reply completed = fixtures.awaitStatus(checkoutId, talk.token, "COMPLETED");
        String orderId = (String) completed.body().get("orderId");
        String workflowId = fixtures.read(jdbc -> jdbc.prepareStatement("SELECT workflow_id FROM checkouts WHERE id = ?",
                statement -> {
                    statement.setObject(1, UUID.fromString(checkoutId));
                    try (var rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getString(1);
                    }
                }));
        assertTrue(workflowId.startsWith("checkout-conversation-" + talk.id + "-"), workflowId);

        Reply status = talk.say("Where is my order?");
        assertIntent("ORDER_STATUS", status);
        assertTrue(((String) status.body().get("reply")).contains("Mustard Chunky Cardigan (M)"), status.body().toString());

        Reply early = talk.say("I want to return the cardigan, it's too small");
        assertIntent("START_RETURN", early);
        assertEquals("TOO_SMALL", entities(early).get("returnReason"));
        assertTrue(((String) early.body().get("reply")).contains("only delivered orders"), early.body().toString());

        fixtures.deliver(orderId, ops, talk.token);
        Reply returned = talk.say("I want to return the cardigan, it's too small");
        assertTrue(((String) returned.body().get("reply")).startsWith("I've started a return"), returned.body().toString());
        List<Map<String, Object>> returns = api.get("/api/returns", talk.token).items();
        assertEquals(1, returns.size());
        assertEquals("TOO_SMALL", returns.get(0).get("reason"));
    }

    @Test
    void checkoutWithoutAWalletAsksForOne() {
        Talk talk = new Talk();
        talk.say("Show me cobalt leggings");
        talk.say("Add the first one in M");
        Reply checkout = talk.say("I'm ready to pay");
        assertIntent("CHECKOUT", checkout);
        assertNull(checkout.body().get("checkoutId"));
        assertTrue(((String) checkout.body().get("reply")).contains("payment method"), checkout.body().toString());
        assertEquals(1, cart(checkout).size(), "the cart is kept");
    }

    // --- Dialogue 7: a stated preference becomes a memory -------------------------------------------------

    @Test
    void aPreferenceIsRemembered() {
        Talk talk = new Talk();
        Reply remembered = talk.say("Remember that I love flowing lilac dresses for weddings");
        assertIntent("REMEMBER_PREFERENCE", remembered);
        assertEquals("I love flowing lilac dresses for weddings", entities(remembered).get("preference"));
        List<Map<String, Object>> memories = api.get("/api/me/memories", talk.token).items();
        assertEquals(1, memories.size());
        assertEquals("preference", memories.get(0).get("type"));
        assertEquals("I love flowing lilac dresses for weddings", memories.get(0).get("text"));
    }

    // --- Dialogue 8: recommendations, then a follow-up on them -------------------------------------------

    @Test
    void recommendationsForAnOccasion() {
        Talk talk = new Talk();
        Reply picked = talk.say("What would you recommend for a wedding?");
        assertIntent("RECOMMEND", picked);
        assertEquals("wedding guest", entities(picked).get("occasion"));
        List<Map<String, Object>> products = picked.body().get("products") instanceof List<?> list
                ? list.stream().map(p -> (Map<String, Object>) p).toList() : List.of();
        assertFalse(products.isEmpty(), picked.body().toString());
        assertTrue(((String) picked.body().get("reply")).startsWith("I'd suggest"), picked.body().toString());

        Reply added = talk.say("I'll take the first one");
        assertIntent("ADD_TO_CART", added);
    }

    // --- Dialogue 9: greeting, help, not understood, goodbye ends it ------------------------------------

    @Test
    void greetingHelpAndGoodbyeEndTheConversation() {
        Talk talk = new Talk();
        assertIntent("GREETING", talk.say("Hello there"));
        assertIntent("HELP", talk.say("What can you do?"));
        Reply puzzled = talk.say("Blah blah monkey dishwasher");
        assertIntent("UNKNOWN", puzzled);
        assertTrue(((String) puzzled.body().get("reply")).startsWith("Sorry, I didn't catch that"));

        Reply bye = talk.say("Thanks, bye");
        assertIntent("GOODBYE", bye);
        assertEquals(true, bye.body().get("ended"));

        Reply after = api.post("/api/conversations/" + talk.id + "/turns", talk.token, Map.of("text", "hello?"));
        assertEquals(409, after.status(), after.body().toString());
        Reply ended = awaitStatus(talk, "ENDED");
        assertEquals("shopper", ended.body().get("endReason"));
        assertEquals(4, ended.body().get("turns"));
        assertNull(ended.body().get("context"), "an ended conversation has no live context");
        assertTrue(contexts.find(UUID.fromString(talk.id)).isEmpty(), "context dropped from Valkey");
    }

    // --- Dialogue 10: the transcript, context and session; a repeated turn is answered once ---------------

    @Test
    void transcriptContextSessionAndARepeatedTurn() {
        Talk talk = new Talk();
        Reply first = talk.say("Show me rust bags", Map.of("Idempotency-Key", "turn-one-" + talk.id));
        Reply again = talk.say("Show me rust bags", Map.of("Idempotency-Key", "turn-one-" + talk.id));
        assertEquals(first.body().get("turnId"), again.body().get("turnId"));
        assertEquals("true", again.header("Idempotent-Replayed").orElse(null));
        assertEquals(List.of("TOTE"), skus(first));
        Reply added = talk.say("Add it");
        assertEquals("ONE SIZE", cart(added).get(0).get("size"), "the only size needs no asking");

        Reply read = api.get("/api/conversations/" + talk.id, talk.token);
        assertEquals(200, read.status(), read.body().toString());
        assertEquals("ACTIVE", read.body().get("status"));
        assertEquals(2, read.body().get("turns"), "the repeated turn counted once");
        Map<?, ?> transcript = (Map<?, ?>) read.body().get("transcript");
        List<?> turns = (List<?>) transcript.get("items");
        assertEquals(2, turns.size());
        assertEquals("SEARCH", ((Map<?, ?>) turns.get(0)).get("intent"));
        assertEquals("rules", ((Map<?, ?>) turns.get(0)).get("understoodBy"));
        Map<?, ?> context = (Map<?, ?>) read.body().get("context");
        assertEquals(1, ((List<?>) context.get("cart")).size());

        UUID id = UUID.fromString(talk.id);
        Duration contextTtl = contexts.timeToLive(id).orElseThrow();
        assertTrue(contextTtl.compareTo(Duration.ofMinutes(59)) > 0 && contextTtl.compareTo(Duration.ofHours(1)) <= 0,
                "context lives an hour after the last turn: " + contextTtl);
        Duration sessionTtl = sessions.timeToLive(talk.id).orElseThrow();
        assertTrue(sessionTtl.compareTo(Duration.ofHours(23)) > 0, "session lives 24 hours: " + sessionTtl);

        // The workflow is the source: with the Valkey entry gone, the context comes from its query.
        contexts.delete(id);
        Map<?, ?> fromWorkflow = (Map<?, ?>) api.get("/api/conversations/" + talk.id, talk.token).body().get("context");
        assertEquals(context, fromWorkflow);

        assertEquals(204, api.delete("/api/conversations/" + talk.id, talk.token).status());
        assertEquals("shopper", awaitStatus(talk, "ENDED").body().get("endReason"));
        assertEquals(204, api.delete("/api/conversations/" + talk.id, talk.token).status(), "ending twice is fine");
    }

    // --- Dialogue 13: spoken turns, spoken replies ------------------------------------------------------

    @Test
    void aSpokenTurnIsHeardAnsweredAndSpoken() throws Exception {
        FreeTtsTextToSpeech shopper = new FreeTtsTextToSpeech();
        Talk talk = new Talk();
        byte[] said = shopper.synthesize("show me lilac dresses under one hundred dollars").audio();

        Reply heard = api.upload("/api/conversations/" + talk.id + "/turns?speak=true&audioAs=url", talk.token, "audio",
                "said.wav", io.micronaut.http.MediaType.of("audio/wav"), said);

        assertEquals(200, heard.status(), heard.body().toString());
        assertEquals("show me lilac dresses under one hundred dollars", heard.body().get("transcript"));
        assertIntent("SEARCH", heard);
        assertEquals(List.of("LINEN", "WRAP"), skus(heard).stream().sorted().toList());
        Map<?, ?> spoken = (Map<?, ?>) heard.body().get("audio");
        assertEquals("wav", spoken.get("format"));
        assertNull(spoken.get("base64"));
        String url = (String) spoken.get("url");
        var reply = api.getBytes(url, talk.token);
        assertEquals(200, reply.code());
        assertEquals("audio/wav", reply.getContentType().orElseThrow().toString());
        byte[] wav = reply.body();
        assertEquals(((Number) spoken.get("bytes")).intValue(), wav.length);
        var format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav)).getFormat();
        assertEquals(16_000f, format.getSampleRate());
        assertTrue(((Number) spoken.get("durationMillis")).longValue() > 1_000, spoken.toString());
        assertEquals(404, api.getBytes(url, tokens.shopper("someone-else-" + UUID.randomUUID())).code(),
                "another shopper cannot hear it");

        // Typed turns can be answered aloud too; base64 is the default.
        Reply typed = api.post("/api/conversations/" + talk.id + "/turns?speak=true", talk.token,
                Map.of("text", "Add the first one in M"));
        assertIntent("ADD_TO_CART", typed);
        Map<?, ?> inline = (Map<?, ?>) typed.body().get("audio");
        byte[] decoded = java.util.Base64.getDecoder().decode((String) inline.get("base64"));
        assertEquals(((Number) inline.get("bytes")).intValue(), decoded.length);
        assertEquals(1, AudioSystem.getAudioFileFormat(new ByteArrayInputStream(decoded)).getFormat().getChannels());

        // The transcript keeps what was heard, and that it was spoken.
        Map<?, ?> transcript = (Map<?, ?>) api.get("/api/conversations/" + talk.id, talk.token).body().get("transcript");
        Map<?, ?> first = (Map<?, ?>) ((List<?>) transcript.get("items")).getFirst();
        assertEquals("show me lilac dresses under one hundred dollars", first.get("transcript"));
        assertEquals(true, first.get("spoken"));
    }

    /** A valid WAV file of the wrong shape: two channels. */
    private static byte[] stereoWav() throws Exception {
        var format = new javax.sound.sampled.AudioFormat(16_000f, 16, 2, true, false);
        byte[] frames = new byte[16_000 * 4];
        var out = new java.io.ByteArrayOutputStream();
        AudioSystem.write(new javax.sound.sampled.AudioInputStream(new ByteArrayInputStream(frames), format, 16_000),
                javax.sound.sampled.AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    // --- Bad requests ----------------------------------------------------------------------------------

    @Test
    void badRequestsChangeNothing() throws Exception {
        String shopper = tokens.shopper("conversation-bad-" + UUID.randomUUID());
        Reply halfWallet = api.post("/api/conversations", shopper, Map.of("paymentMethod", "pm_card_visa"));
        assertEquals(400, halfWallet.status());
        assertEquals(List.of("shippingAddress"), halfWallet.violatedFields());
        Reply badCard = api.post("/api/conversations", shopper, Map.of("paymentMethod", "visa",
                "shippingAddress", WALLET.get("shippingAddress")));
        assertEquals(400, badCard.status());
        assertEquals(List.of("paymentMethod"), badCard.violatedFields());
        assertEquals(0, api.get("/api/conversations", shopper).items().size(), "nothing was started");

        Talk talk = new Talk();
        Reply blank = api.post("/api/conversations/" + talk.id + "/turns", talk.token, Map.of("text", " "));
        assertEquals(400, blank.status());
        assertEquals(List.of("text"), blank.violatedFields());
        Reply notWav = api.upload("/api/conversations/" + talk.id + "/turns", talk.token, "audio", "said.wav",
                io.micronaut.http.MediaType.of("audio/wav"), "not audio".getBytes());
        assertEquals(400, notWav.status(), notWav.body().toString());
        assertEquals(List.of("audio"), notWav.violatedFields());
        Reply stereo = api.upload("/api/conversations/" + talk.id + "/turns", talk.token, "audio", "said.wav",
                io.micronaut.http.MediaType.of("audio/wav"), stereoWav());
        assertEquals(List.of("audio"), stereo.violatedFields());
        assertTrue(stereo.body().toString().contains("mono"), stereo.body().toString());
        Reply badKey = api.post("/api/conversations/" + talk.id + "/turns", talk.token, Map.of("text", "hi"),
                Map.of("Idempotency-Key", "x"));
        assertEquals(List.of("Idempotency-Key"), badKey.violatedFields());
        Reply badSpeak = api.post("/api/conversations/" + talk.id + "/turns?speak=maybe", talk.token, Map.of("text", "hi"));
        assertEquals(400, badSpeak.status());

        assertEquals(404, api.post("/api/conversations/" + talk.id + "/turns", shopper, Map.of("text", "hi")).status(),
                "another shopper's conversation");
        assertEquals(404, api.get("/api/conversations/" + talk.id, shopper).status());
        assertEquals(200, api.get("/api/conversations/" + talk.id, ops).status(), "ops may read any");
        assertEquals(401, api.post("/api/conversations", null, Map.of()).status());
        assertEquals(0, ((Number) api.get("/api/conversations/" + talk.id, talk.token).body().get("turns")).intValue());
    }

    // ----------------------------------------------------------------------------------------------

    /** A shopper in a new conversation. */
    final class Talk {
        final String token = tokens.shopper("conversation-" + UUID.randomUUID());
        final String id;

        Talk() {
            this(Map.of());
        }

        Talk(Map<String, Object> body) {
            Reply started = api.post("/api/conversations", token, body);
            assertEquals(201, started.status(), started.body().toString());
            id = (String) started.body().get("conversationId");
        }

        Reply say(String text) {
            return say(text, Map.of());
        }

        Reply say(String text, Map<String, String> headers) {
            Reply reply = api.post("/api/conversations/" + id + "/turns", token, Map.of("text", text), headers);
            assertEquals(200, reply.status(), text + " → " + reply.body());
            assertEquals(text, reply.body().get("transcript"));
            return reply;
        }
    }

    private Reply awaitStatus(Talk talk, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Reply read;
        do {
            read = api.get("/api/conversations/" + talk.id, talk.token);
            if (status.equals(read.body().get("status"))) {
                return read;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("conversation not " + status + ": " + read.body());
    }

    private static void assertIntent(String intent, Reply reply) {
        assertEquals(intent, reply.body().get("intent"), reply.body().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entities(Reply reply) {
        return (Map<String, Object>) reply.body().get("entities");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cart(Reply reply) {
        return (List<Map<String, Object>>) reply.body().get("cart");
    }

    /** The local skus of the products a turn showed, in order. */
    @SuppressWarnings("unchecked")
    private List<String> skus(Reply reply) {
        Map<Long, String> byId = new HashMap<>();
        ids.forEach((sku, id) -> byId.put(id, sku));
        return ((List<Map<String, Object>>) reply.body().get("products")).stream()
                .map(p -> byId.getOrDefault(((Number) p.get("productId")).longValue(), "OTHER:" + p.get("name")))
                .toList();
    }

    private void save(String sku, String name, String description, String category, String color, String price,
            Map<String, Integer> sizes) {
        ids.put(sku, new TestProduct(name, description, category, color, price, sizes)
                .save(api, ops, sku + "-" + tag, "Conversation Test"));
    }
}
