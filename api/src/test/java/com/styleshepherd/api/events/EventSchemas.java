package com.styleshepherd.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published schemas of the domain events ({@code events/<type>.schema.json} in the store's jar, described in
 * docs/events.md), and a JSON Schema 2020-12 validator that checks an event as it is on the topic against its own.
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema of events of {@code type}; fails when the repository has none. */
    public static Schema of(String type) {
        return SCHEMAS.computeIfAbsent(type, name -> {
            try (InputStream schema = EventSchemas.class.getResourceAsStream("/events/" + name + ".schema.json")) {
                if (schema == null) {
                    throw new AssertionError("No schema events/" + name + ".schema.json for event type " + name);
                }
                return REGISTRY.getSchema(schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What is wrong with {@code event} (its JSON envelope) by its type's schema: empty when nothing is. */
    public static List<String> violations(byte[] event) {
        try {
            JsonNode node = JSON.readTree(event);
            return of(node.path("type").asText()).validate(node).stream().map(Error::toString).toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
