package com.styleshepherd.gpu.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.language.ShopVocabulary;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local voice and recogniser, end to end on real audio: FreeTTS speaks, Sphinx4 listens. */
class LocalSpeechTest {

    private static FreeTtsTextToSpeech voice;
    private static SphinxSpeechToText recogniser;

    @BeforeAll
    static void models() {
        voice = new FreeTtsTextToSpeech();
        recogniser = new SphinxSpeechToText(() -> ShoppingGrammar.of(ShopVocabulary.current()), 1);
    }

    @Test
    void theVoiceSpeaksWav16kMono() throws Exception {
        TextToSpeech.Speech speech = voice.synthesize("Here are three navy dresses under fifty dollars.");

        assertEquals("wav", speech.format());
        AudioFormat format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(speech.audio())).getFormat();
        assertEquals(16_000f, format.getSampleRate());
        assertEquals(1, format.getChannels());
        assertEquals(16, format.getSampleSizeInBits());
        assertTrue(speech.durationMillis() > 1_500 && speech.durationMillis() < 8_000, speech.durationMillis() + " ms");
        assertEquals(Wav.durationMillis(Wav.littleEndianSamples(speech.audio()).length, 16_000f), speech.durationMillis());
    }

    @Test
    void shoppingPhrasesSurviveTheRoundTrip() {
        SpeechRoundTrip.Report report = SpeechRoundTrip.run(voice, recogniser, SpeechRoundTrip.PHRASES);

        report.trips().forEach(trip -> System.out.printf("%-50s → %-50s %s%n", trip.said(), trip.heard(),
                trip.intentSaid() == trip.intentHeard() ? trip.intentSaid() : trip.intentSaid() + "≠" + trip.intentHeard()));
        System.out.printf("Word accuracy %.3f over %d phrases, intents kept %d/%d, real-time factor %.2f%n",
                report.wordAccuracy(), report.trips().size(), report.intentsKept(), report.trips().size(),
                report.realTimeFactor());
        assertTrue(report.wordAccuracy() >= 0.90, "word accuracy " + report.wordAccuracy());
        assertTrue(report.intentsKept() >= report.trips().size() - 1, report.intentsKept() + " intents kept");
    }

    @Test
    void silenceIsHeardAsNothing() {
        byte[] silence = Wav.of(new byte[16_000 * 2], 16_000f, false);

        assertEquals("", recogniser.transcribe(silence));
    }

    @Test
    void notAWavFileIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> recogniser.transcribe("not audio".getBytes()));
    }

    @Test
    void theGrammarCoversTheReadersVocabulary() {
        ShoppingGrammar grammar = ShoppingGrammar.of(ShopVocabulary.current());

        assertEquals(java.util.Set.of(), grammar.unpronounceable(), "add these to shopping-addenda.dict");
        ShopVocabulary vocabulary = ShopVocabulary.current();
        for (List<String> list : List.of(vocabulary.categories(), vocabulary.colours(), vocabulary.occasions())) {
            for (String phrase : list) {
                for (String word : phrase.split(" ")) {
                    assertTrue(grammar.words().contains(word), word + " missing from the grammar");
                }
            }
        }
        assertTrue(grammar.grammar().contains("<colour> = "), "word lists filled");
        assertTrue(!grammar.grammar().contains("{colours}"), "placeholders replaced");
    }

    @Test
    void wordErrorsAreCounted() {
        assertEquals(0, SpeechRoundTrip.editDistance(List.of("a", "b"), List.of("a", "b")));
        assertEquals(1, SpeechRoundTrip.editDistance(List.of("show", "me", "dresses"), List.of("show", "dresses")));
        assertEquals(2, SpeechRoundTrip.editDistance(List.of("cheaper", "ones"), List.of("the", "cheaper", "one")));
    }
}
