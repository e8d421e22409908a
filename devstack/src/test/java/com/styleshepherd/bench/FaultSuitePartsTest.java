package com.styleshepherd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault suite's own checks, shown to catch what they are for (the suite itself runs in .ci/run). */
class FaultSuitePartsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStripeFakeChargesOncePerIdempotencyKeyAndCountsRefunds() throws Exception {
        try (FakeStripe stripe = new FakeStripe()) {
            String create = "amount=4000&currency=usd&payment_method=pm_card_visa&confirm=true"
                    + "&metadata%5Bcheckout_id%5D=c-1";
            String first = post(stripe, "/v1/payment_intents", create, "key-1");
            assertEquals(first, post(stripe, "/v1/payment_intents", create, "key-1"), "the same key, the same intent");
            post(stripe, "/v1/payment_intents", create, "key-2");
            List<FakeStripe.Intent> intents = stripe.intents();
            assertEquals(2, intents.stream().filter(FakeStripe.Intent::charged).count(), "two keys, two charges");

            post(stripe, "/v1/refunds", "payment_intent=" + intents.getFirst().id(), "refund-1");
            assertEquals(1, stripe.intents().stream().filter(FakeStripe.Intent::charged).count());
            assertEquals("c-1", stripe.intents().getFirst().checkoutId());
        }
    }

    @Test
    void errorAnswersThatShowInternalsOrNameNoOutageAreCaught() {
        assertTrue(FaultLoad.INTERNALS.matcher("{\"detail\":\"org.postgresql.util.PSQLException: refused\"}").find());
        assertTrue(FaultLoad.INTERNALS.matcher("at com.styleshepherd.api.Foo.bar(Foo.java:12)").find());
        assertTrue(FaultLoad.INTERNALS.matcher("Connection to localhost:5432 refused").find());
        assertFalse(FaultLoad.INTERNALS.matcher("{\"type\":\"/problems/database-unavailable\",\"title\":"
                + "\"The database is unavailable\",\"status\":503,\"detail\":\"Try again in 5 s.\"}").find());
        assertTrue(FaultLoad.OUTAGE_TYPE.matcher("{\"type\":\"/problems/cache-unavailable\"}").find());
        assertFalse(FaultLoad.OUTAGE_TYPE.matcher("{\"type\":\"about:blank\",\"status\":503}").find());
    }

    private String post(FakeStripe stripe, String path, String form, String key) throws IOException,
            InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(stripe.apiBase() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Idempotency-Key", key)
                .POST(BodyPublishers.ofString(form)).build(), BodyHandlers.ofString()).body();
    }
}
