package com.styleshepherd.gpu.speech;

import com.styleshepherd.language.ShopVocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local recogniser's language: the JSGF grammar {@code shopping.gram} with its word lists filled from
 * the rule-based reader's vocabulary, and a pronouncing dictionary of just the grammar's words (from the
 * CMU dictionary in sphinx4-data, plus {@code shopping-addenda.dict} for shop words it lacks). Written to a
 * directory because Sphinx4 loads both by URL.
 */
public final class ShoppingGrammar {

    static final String NAME = "shopping";
    private static final String CMU_DICTIONARY = "/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final Pattern TOKEN = Pattern.compile("(?<![<{/\\w'])[a-z][a-z'\\-]*");

    private final String grammar;
    private final Map<String, List<String>> pronunciations;
    private final Set<String> unpronounceable;

    private ShoppingGrammar(String grammar, Map<String, List<String>> pronunciations, Set<String> unpronounceable) {
        this.grammar = grammar;
        this.pronunciations = pronunciations;
        this.unpronounceable = unpronounceable;
    }

    /** The grammar of the reader's current vocabulary; phrases with a word nobody can pronounce are left out. */
    public static ShoppingGrammar of(ShopVocabulary vocabulary) {
        Map<String, List<String>> known = dictionary();
        Set<String> dropped = new TreeSet<>();
        Map<String, List<String>> lists = Map.of("categories", vocabulary.categories(), "colours", vocabulary.colours(),
                "occasions", vocabulary.occasions(), "descriptors", vocabulary.descriptors(), "sizes", vocabulary.sizes());
        String template = resource("shopping.gram");
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            List<String> phrases = lists.get(m.group(1));
            if (phrases == null) {
                throw new IllegalStateException("shopping.gram names an unknown word list {" + m.group(1) + "}");
            }
            List<String> sayable = new ArrayList<>();
            for (String phrase : phrases) {
                List<String> missing = words(phrase).stream().filter(word -> !known.containsKey(word)).toList();
                if (missing.isEmpty()) {
                    sayable.add(phrase);
                } else {
                    dropped.addAll(missing);
                }
                if (m.group(1).equals("categories")) {
                    // The reader takes plurals of any category ("dresses"); the recogniser must hear them.
                    for (String plural : List.of(phrase + "s", phrase + "es")) {
                        if (words(plural).stream().allMatch(known::containsKey) && !phrases.contains(plural)) {
                            sayable.add(plural);
                        }
                    }
                }
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(String.join(" | ", sayable)));
        }
        m.appendTail(filled);
        String grammar = filled.toString();
        Map<String, List<String>> used = new LinkedHashMap<>();
        for (String word : words(body(grammar))) {
            List<String> said = known.get(word);
            if (said == null) {
                throw new IllegalStateException("shopping.gram says \"" + word + "\", which neither the CMU dictionary "
                        + "nor shopping-addenda.dict can pronounce");
            }
            used.put(word, said);
        }
        return new ShoppingGrammar(grammar, used, dropped);
    }

    /** The grammar's text (JSGF). */
    public String grammar() {
        return grammar;
    }

    /** Every word the grammar can produce. */
    public Set<String> words() {
        return pronunciations.keySet();
    }

    /** Vocabulary words left out because no dictionary can pronounce them (logged at start). */
    public Set<String> unpronounceable() {
        return unpronounceable;
    }

    /** Writes {@code shopping.gram} and {@code shopping.dict} into {@code directory}. */
    public void writeTo(Path directory) {
        StringBuilder dictionary = new StringBuilder();
        pronunciations.forEach((word, variants) -> {
            for (int i = 0; i < variants.size(); i++) {
                dictionary.append(i == 0 ? word : word + "(" + (i + 1) + ")").append(' ').append(variants.get(i)).append('\n');
            }
        });
        try {
            Files.writeString(directory.resolve(NAME + ".gram"), grammar, StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(NAME + ".dict"), dictionary, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The grammar without its header and comments: the rules, where every bare token is a word. */
    private static String body(String grammar) {
        String rules = grammar.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
        return rules.substring(rules.indexOf("grammar " + NAME + ";") + ("grammar " + NAME + ";").length());
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words.stream().distinct().collect(Collectors.toList());
    }

    /** word → its pronunciations, the CMU dictionary's and the addenda's. */
    private static Map<String, List<String>> dictionary() {
        Map<String, List<String>> words = new LinkedHashMap<>(140_000);
        read(ShoppingGrammar.class.getResourceAsStream(CMU_DICTIONARY), CMU_DICTIONARY, words);
        read(ShoppingGrammar.class.getResourceAsStream("shopping-addenda.dict"), "shopping-addenda.dict", words);
        return words;
    }

    private static void read(InputStream in, String name, Map<String, List<String>> words) {
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (sphinx4-data, worker-gpu resources)");
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                String word = line.substring(0, space).replaceFirst("\\(\\d+\\)$", "");
                words.computeIfAbsent(word, w -> new ArrayList<>()).add(line.substring(space + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ShoppingGrammar.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
