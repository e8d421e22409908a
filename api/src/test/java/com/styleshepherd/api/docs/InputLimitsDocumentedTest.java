package com.styleshepherd.api.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every JSON request body documents its limits in the OpenAPI document built at compile time: each string a
 * {@code maxLength} (or an {@code enum}, or a fixed-size format), each list a {@code maxItems}, each map a
 * {@code maxProperties}, each number a {@code maximum} (64-bit ids excepted: their format is their bound).
 * A field added without one fails here, naming it.
 */
class InputLimitsDocumentedTest {

    private static final String DOCUMENT = "META-INF/swagger/style-shepherd-0.1.yml";
    private static final Set<String> BOUNDED_FORMATS = Set.of("uuid", "date-time", "date", "int64");
    /**
     * Stripe's and the carrier's events, read as raw text to check their signatures: their senders' formats, held
     * to the 1 MB body limit.
     */
    private static final Set<String> NOT_OURS = Set.of("POST /api/webhooks/stripe", "POST /api/webhooks/carrier");

    @Test
    @SuppressWarnings("unchecked")
    void everyJsonRequestBodyHasItsLimits() throws IOException {
        Map<String, Object> document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertNotNull(in, DOCUMENT + " is built by the compiler");
            document = new Yaml().load(in);
        }
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
                .get("schemas");
        List<String> unbounded = new ArrayList<>();
        Set<String> bodies = new HashSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) ->
                operations.forEach((method, operation) -> {
                    if (!(operation instanceof Map<?, ?> op) || !(op.get("requestBody") instanceof Map<?, ?> body)) {
                        return;
                    }
                    Map<String, Object> content = (Map<String, Object>) body.get("content");
                    if (content != null && content.get("application/json") instanceof Map<?, ?> json
                            && !NOT_OURS.contains(method.toUpperCase() + " " + path)) {
                        bodies.add(method + " " + path);
                        check(method.toUpperCase() + " " + path, (Map<String, Object>) json.get("schema"), schemas,
                                unbounded, new HashSet<>());
                    }
                }));

        assertTrue(bodies.size() >= 12, "JSON request bodies found: " + bodies);
        assertEquals(List.of(), unbounded, "request fields without a documented maximum");
    }

    @SuppressWarnings("unchecked")
    private static void check(String where, Map<String, Object> schema, Map<String, Object> schemas,
            List<String> unbounded, Set<String> seen) {
        if (schema == null) {
            return;
        }
        if (schema.get("$ref") instanceof String ref) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (seen.add(name)) {
                check(where + " " + name, (Map<String, Object>) schemas.get(name), schemas, unbounded, seen);
            }
            return;
        }
        if (schema.get("allOf") instanceof List<?> parts) {
            parts.forEach(part -> check(where, (Map<String, Object>) part, schemas, unbounded, seen));
        }
        String type = String.valueOf(schema.get("type"));
        boolean bounded = switch (type) {
            case "string" -> schema.containsKey("maxLength") || schema.containsKey("enum")
                    || BOUNDED_FORMATS.contains(String.valueOf(schema.get("format")));
            case "array" -> schema.containsKey("maxItems");
            case "integer", "number" -> schema.containsKey("maximum")
                    || BOUNDED_FORMATS.contains(String.valueOf(schema.get("format")));
            case "object" -> !schema.containsKey("additionalProperties") || schema.containsKey("maxProperties");
            default -> true;
        };
        if (!bounded) {
            unbounded.add(where + " (" + type + ")");
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            check(where + "[]", (Map<String, Object>) items, schemas, unbounded, seen);
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values && values.containsKey("type")
                && !"object".equals(values.get("type"))) {
            check(where + "{}", (Map<String, Object>) values, schemas, unbounded, seen);
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, property) -> check(where + "." + name, (Map<String, Object>) property, schemas,
                    unbounded, seen));
        }
    }
}
