package com.styleshepherd.api.me;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.testing.RealInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/me/profile} over HTTP against real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileApiTest implements RealInfrastructure {

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    static Map<String, Object> fullProfile() {
        return Map.of(
                "measurements", Map.of("heightCm", 168.5, "weightKg", 61, "bustCm", 90, "waistCm", 72,
                        "hipsCm", 98, "inseamCm", 78),
                "usualSizes", Map.of("dresses", "M", "shoes", "39"),
                "stylePreferences", Map.of("colours", List.of("navy", "olive"), "styles", List.of("minimal"),
                        "occasions", List.of("work", "wedding")),
                "budget", Map.of("min", 40.00, "max", 150.00, "currency", "EUR"));
    }

    @Test
    void aShopperWithoutAProfileReadsAnEmptyOne() {
        Reply reply = api.get("/api/me/profile", tokens.shopper("new-" + UUID.randomUUID()));

        assertEquals(200, reply.status());
        assertNull(reply.body().get("updatedAt"));
        assertEquals(Map.of(), reply.body().getOrDefault("usualSizes", Map.of()), "empty collections are left out");
        assertNull(reply.body().get("budget"));
    }

    @Test
    void whatIsSavedIsReadBackAndOnlyByItsOwner() {
        String owner = tokens.shopper("profiled-" + UUID.randomUUID());
        assertNull(api.get("/api/me/profile", owner).body().get("updatedAt"), "empty, and now cached");

        Reply saved = api.put("/api/me/profile", owner, fullProfile());

        assertEquals(200, saved.status(), saved.body().toString());
        assertNotNull(saved.body().get("updatedAt"));
        Reply read = api.get("/api/me/profile", owner);
        assertEquals(saved.body(), read.body());
        Map<?, ?> measurements = (Map<?, ?>) read.body().get("measurements");
        assertEquals(168.5, ((Number) measurements.get("heightCm")).doubleValue());
        assertNull(measurements.get("chestCm"));
        assertEquals(Map.of("dresses", "M", "shoes", "39"), read.body().get("usualSizes"));
        assertEquals(List.of("navy", "olive"), ((Map<?, ?>) read.body().get("stylePreferences")).get("colours"));
        assertEquals("EUR", ((Map<?, ?>) read.body().get("budget")).get("currency"));

        Reply someoneElse = api.get("/api/me/profile", tokens.shopper("other-" + UUID.randomUUID()));
        assertNull(someoneElse.body().get("updatedAt"), "another shopper sees an empty profile of their own");
    }

    @Test
    void aPutReplacesTheWholeProfile() {
        String owner = tokens.shopper("replaced-" + UUID.randomUUID());
        api.put("/api/me/profile", owner, fullProfile());

        Reply replaced = api.put("/api/me/profile", owner, Map.of("usualSizes", Map.of("jeans", "30")));

        assertEquals(200, replaced.status(), replaced.body().toString());
        assertEquals(Map.of("jeans", "30"), replaced.body().get("usualSizes"));
        assertNull(((Map<?, ?>) replaced.body().get("measurements")).get("heightCm"));
        assertNull(replaced.body().get("budget"));
    }

    @Test
    void outOfRangeMeasurementsAreRefusedNamingTheFieldAndChangeNothing() {
        String owner = tokens.shopper("ranged-" + UUID.randomUUID());
        api.put("/api/me/profile", owner, fullProfile());
        Map<String, Object> tooTall = new HashMap<>(fullProfile());
        tooTall.put("measurements", Map.of("heightCm", 300, "inseamCm", 10));

        Reply reply = api.put("/api/me/profile", owner, tooTall);

        assertEquals(400, reply.status());
        assertEquals(List.of("measurements.heightCm", "measurements.inseamCm"),
                reply.violatedFields().stream().sorted().toList());
        assertEquals(168.5, ((Number) ((Map<?, ?>) api.get("/api/me/profile", owner).body().get("measurements"))
                .get("heightCm")).doubleValue(), "the stored profile is unchanged");
    }

    @Test
    void aBudgetWhoseMaximumIsBelowItsMinimumIsRefused() {
        Map<String, Object> body = new HashMap<>(fullProfile());
        body.put("budget", Map.of("min", 200, "max", 100, "currency", "EUR"));

        Reply reply = api.put("/api/me/profile", tokens.shopper("budget-" + UUID.randomUUID()), body);

        assertEquals(400, reply.status());
        assertEquals(List.of("budget.max"), reply.violatedFields());
    }

    @Test
    void badSizesAndCurrenciesNameTheirField() {
        String owner = tokens.shopper("sizes-" + UUID.randomUUID());
        Map<String, Object> badCategory = new HashMap<>(fullProfile());
        badCategory.put("usualSizes", Map.of("Dresses!", "M"));
        Map<String, Object> badCurrency = new HashMap<>(fullProfile());
        badCurrency.put("budget", Map.of("min", 1, "currency", "euro"));
        Map<String, Object> longColour = new HashMap<>(fullProfile());
        longColour.put("stylePreferences", Map.of("colours", List.of("x".repeat(41))));

        assertEquals(List.of("usualSizes"), api.put("/api/me/profile", owner, badCategory).violatedFields());
        assertEquals(List.of("budget.currency"), api.put("/api/me/profile", owner, badCurrency).violatedFields());
        assertEquals(List.of("stylePreferences.colours[0]"),
                api.put("/api/me/profile", owner, longColour).violatedFields());
    }

    @Test
    void withoutATokenItIs401() {
        assertEquals(401, api.get("/api/me/profile").status());
    }
}
