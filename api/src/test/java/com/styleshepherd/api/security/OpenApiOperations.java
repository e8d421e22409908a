package com.styleshepherd.api.security;

import io.micronaut.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the api's OpenAPI document, as the security matrices walk them: method, path, path
 * parameters, and a valid example of the JSON body built from the request schema (so that a refusal
 * comes from the ownership or role check, not from validation).
 */
final class OpenApiOperations {

    static final String DOCUMENT = "/swagger/style-shepherd-0.1.yml";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** Tried in turn for a string with a pattern and no example; the first that matches is used. */
    private static final List<String> STRING_CANDIDATES = List.of("pm_card_visa", "USD", "GB", "M", "tops",
            "9.99", "Ada", "x1", "x", "1");

    private final Map<String, Object> document;

    private OpenApiOperations(Map<String, Object> document) {
        this.document = document;
    }

    static OpenApiOperations of(String yaml) {
        return new OpenApiOperations(new Yaml().load(yaml));
    }

    record Operation(HttpMethod method, String path, Object exampleBody) {

        List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            Matcher matcher = PARAMETER.matcher(path);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        /** The path with each parameter replaced by the value of that name; fails naming a parameter with none. */
        String expand(Map<String, String> values) {
            String expanded = path;
            for (String name : pathParameters()) {
                String value = values.get(name);
                if (value == null) {
                    throw new AssertionError("No resource for path parameter '" + name + "' of " + this
                            + ": give the victim one in OwnedResources, so that the new endpoint is attacked too");
                }
                expanded = expanded.replace("{" + name + "}", value);
            }
            return expanded;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            HttpMethod httpMethod = HttpMethod.parse(method.toUpperCase());
            if (httpMethod != HttpMethod.CUSTOM) {
                operations.add(new Operation(httpMethod, path, exampleBody(map(operation))));
            }
        }));
        return operations;
    }

    List<Operation> withPathParameters() {
        return all().stream().filter(operation -> !operation.pathParameters().isEmpty()).toList();
    }

    private Object exampleBody(Map<String, Object> operation) {
        Map<String, Object> content = map(map(operation.get("requestBody")).get("content"));
        Map<String, Object> json = map(content.get("application/json"));
        return json.isEmpty() ? null : example(map(json.get("schema")));
    }

    private Object example(Map<String, Object> schema) {
        if (schema.get("$ref") instanceof String ref) {
            return example(map(map(map(document.get("components")).get("schemas")).get(ref.substring(ref.lastIndexOf('/') + 1))));
        }
        if (schema.get("example") != null) {
            return schema.get("example");
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        String type = String.valueOf(schema.getOrDefault("type", "object"));
        return switch (type) {
            case "string" -> string(schema);
            case "integer", "number" -> schema.get("minimum") instanceof Number min ? min.longValue() + 1 : 1;
            case "boolean" -> true;
            case "array" -> List.of(example(map(schema.get("items"))));
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                Map<String, Object> properties = map(schema.get("properties"));
                if (schema.get("required") instanceof List<?> required) {
                    for (Object name : required) {
                        object.put((String) name, example(map(properties.get(name))));
                    }
                }
                yield object;
            }
        };
    }

    private static String string(Map<String, Object> schema) {
        if ("uuid".equals(schema.get("format"))) {
            return "00000000-0000-4000-8000-000000000000";
        }
        if (schema.get("pattern") instanceof String pattern) {
            Pattern regex = Pattern.compile(pattern);
            // An alternation of words (SHIPPED|DELIVERED) offers its own first word.
            return Stream.concat(Stream.of(pattern.split("\\|")[0]), STRING_CANDIDATES.stream())
                    .filter(candidate -> regex.matcher(candidate).matches()).findFirst()
                    .orElseThrow(() -> new AssertionError("No example string matches " + pattern + ": add one"));
        }
        return "x";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
