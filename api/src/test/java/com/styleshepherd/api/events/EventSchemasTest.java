package com.styleshepherd.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.styleshepherd.store.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event type has its schema in the repository, naming its type, aggregate and version as the code does. */
class EventSchemasTest {

    @Test
    void eachEventTypeHasItsSchema() throws IOException {
        for (EventType type : EventType.values()) {
            hasItsSchema(type);
        }
    }

    private void hasItsSchema(EventType type) throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/events/" + type.typeName() + ".schema.json")) {
            assertTrue(in != null, "events/" + type.typeName() + ".schema.json");
            schema = new ObjectMapper().readTree(in);
        }
        assertEquals(type.typeName(), schema.at("/properties/type/const").asText());
        assertEquals(type.aggregateType(), schema.at("/properties/aggregateType/const").asText());
        assertEquals(type.schemaVersion(), schema.at("/properties/schemaVersion/const").asInt());
        List<String> required = new ObjectMapper().convertValue(schema.get("required"), List.class);
        assertEquals(List.of("eventId", "type", "schemaVersion", "aggregateType", "aggregateId", "occurredAt", "data"),
                required);
    }

    @Test
    void theValidatorRefusesAnEventThatBreaksItsSchema() {
        String valid = """
                {"eventId":"6f1c1b7e-8a86-4d5e-9d4c-1a2b3c4d5e6f","type":"StockSoldOut","schemaVersion":1,
                 "aggregateType":"product","aggregateId":"42","occurredAt":"2026-01-02T03:04:05Z",
                 "data":{"productId":42,"productSizeId":7,"sku":"SKU-42","size":"M"}}""";
        assertEquals(List.of(), EventSchemas.violations(valid.getBytes(StandardCharsets.UTF_8)));
        String noSize = valid.replace(",\"size\":\"M\"", "");
        assertFalse(EventSchemas.violations(noSize.getBytes(StandardCharsets.UTF_8)).isEmpty(), "size is required");
        String wrongVersion = valid.replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertFalse(EventSchemas.violations(wrongVersion.getBytes(StandardCharsets.UTF_8)).isEmpty());
    }
}
