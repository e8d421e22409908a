package com.styleshepherd.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's word lists, kept as text under {@code src/main/resources/language/} (one entry per line,
 * {@code #} starts a comment) so they are edited as data, not code. Read once, from the jar, when the
 * language is first used: the same words in every process and on every replay.
 */
final class Vocabularies {

    private Vocabularies() {
    }

    /** A {@code phrase<TAB>value} list, longest phrase first (then alphabetical), so longer phrases win. */
    static Map<String, String> pairs(String file) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(file)) {
            String[] row = line.split("\t");
            if (row.length != 2 || row[0].isBlank() || row[1].isBlank()) {
                throw new IllegalStateException("language/" + file + ": expected 'phrase<TAB>value', got '" + line + "'");
            }
            rows.add(row);
        }
        rows.sort((a, b) -> a[0].length() != b[0].length() ? b[0].length() - a[0].length() : a[0].compareTo(b[0]));
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String[] row : rows) {
            if (ordered.put(row[0], row[1]) != null) {
                throw new IllegalStateException("language/" + file + ": '" + row[0] + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** A list of single entries, in file order. */
    static List<String> words(String file) {
        return List.copyOf(lines(file));
    }

    private static List<String> lines(String file) {
        try (InputStream in = Vocabularies.class.getResourceAsStream("/language/" + file)) {
            if (in == null) {
                throw new IllegalStateException("language/" + file + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
