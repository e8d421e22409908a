package com.styleshepherd.gpu.speech;

import com.styleshepherd.activities.conversation.RuleBasedStylist;
import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.Intent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The audio round trip: a voice renders shopping phrases, a recogniser transcribes them, the rule-based
 * reader reads both. Reports word accuracy (1 − word error rate: substitutions, deletions and insertions
 * over the words said) and how often the intent survives. Used by the test and the speech benchmark.
 */
public final class SpeechRoundTrip {

    /** One of every kind of turn, said the way the dialogue tests type them. */
    public static final List<String> PHRASES = List.of(
            "hello",
            "show me navy dresses under fifty dollars",
            "i am looking for a linen shirt for the office",
            "do you have black jeans in size medium",
            "find me red shoes for a wedding",
            "cheaper ones please",
            "what about in white",
            "add the second one in medium",
            "i'll take the first one",
            "medium please",
            "what size should i get",
            "remove the dress from my cart",
            "what's in my cart",
            "check out please",
            "where is my order",
            "i want to return the jeans it is too small",
            "remember that i love silk",
            "recommend something for date night",
            "show me a leather jacket under two hundred dollars",
            "help",
            "goodbye");

    /** The state the phrases are read in: products shown, a cart, no size asked. */
    private static final DialogueState STATE = new DialogueState(true, true, "dresses", false);

    private SpeechRoundTrip() {
    }

    public record Trip(String said, String heard, int words, int errors, Intent intentSaid, Intent intentHeard,
            long synthesisMillis, long recognitionMillis, long audioMillis) {
    }

    public record Report(List<Trip> trips) {

        public double wordAccuracy() {
            int words = trips.stream().mapToInt(Trip::words).sum();
            int errors = trips.stream().mapToInt(Trip::errors).sum();
            return 1.0 - (double) errors / words;
        }

        public long intentsKept() {
            return trips.stream().filter(t -> t.intentSaid() == t.intentHeard()).count();
        }

        public double realTimeFactor() {
            return (double) trips.stream().mapToLong(Trip::recognitionMillis).sum()
                    / trips.stream().mapToLong(Trip::audioMillis).sum();
        }
    }

    public static Report run(TextToSpeech voice, SpeechToText recogniser, List<String> phrases) {
        RuleBasedStylist reader = new RuleBasedStylist();
        List<Trip> trips = new ArrayList<>();
        for (String phrase : phrases) {
            long t0 = System.nanoTime();
            TextToSpeech.Speech speech = voice.synthesize(phrase);
            long t1 = System.nanoTime();
            String heard = recogniser.transcribe(speech.audio());
            long t2 = System.nanoTime();
            List<String> said = words(phrase);
            trips.add(new Trip(phrase, heard, said.size(), editDistance(said, words(heard)),
                    reader.understand(phrase, STATE).intent(), reader.understand(heard, STATE).intent(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, speech.durationMillis()));
        }
        return new Report(trips);
    }

    public static List<String> words(String text) {
        String plain = text.toLowerCase(Locale.ROOT).replace('-', ' ').replaceAll("[^a-z' ]", " ").strip();
        return plain.isEmpty() ? List.of() : Arrays.asList(plain.split("\\s+"));
    }

    /** Word-level Levenshtein distance: the substitutions, deletions and insertions between the two. */
    public static int editDistance(List<String> said, List<String> heard) {
        int[] previous = new int[heard.size() + 1];
        int[] current = new int[heard.size() + 1];
        for (int j = 0; j <= heard.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= said.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= heard.size(); j++) {
                int substitution = previous[j - 1] + (said.get(i - 1).equals(heard.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[heard.size()];
    }
}
