package com.styleshepherd.workflows.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The script that registers search attributes on a real Temporal cluster (the Kubernetes Job and the
 * compose stack run it) registers exactly the ones the workflows set, with their types: a checkout that
 * sets an unregistered attribute fails its workflow task on a real cluster.
 */
class SearchAttributeManifestTest {

    private static final Path SCRIPT = Path.of("..", "deploy", "kubernetes", "base", "temporal-setup", "setup-namespace.sh");
    private static final Pattern LIST = Pattern.compile("^SEARCH_ATTRIBUTES=\"([^\"]*)\"$", Pattern.MULTILINE);

    @Test
    void theSetupScriptRegistersTheAttributesTheWorkflowsSet() throws IOException {
        Matcher list = LIST.matcher(Files.readString(SCRIPT));
        if (!list.find()) {
            throw new AssertionError(SCRIPT + " has no SEARCH_ATTRIBUTES=\"name=Type ...\" line");
        }
        Map<String, String> registered = Arrays.stream(list.group(1).trim().split("\\s+"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> a, TreeMap::new));

        Map<String, String> used = new TreeMap<>();
        for (SearchAttributeKey<?> key : CheckoutSearchAttributes.ALL) {
            used.put(key.getName(), cliType(key.getValueType()));
        }

        assertEquals(used, registered);
    }

    /** The {@code temporal operator search-attribute create --type} name of an indexed value type. */
    private static String cliType(IndexedValueType type) {
        String name = type.name().substring("INDEXED_VALUE_TYPE_".length()).toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
