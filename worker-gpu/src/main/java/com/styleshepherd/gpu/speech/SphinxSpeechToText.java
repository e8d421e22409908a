package com.styleshepherd.gpu.speech;

import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.util.TimeFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local speech-to-text: CMU Sphinx4 with its US English acoustic model (sphinx4-data), constrained by the
 * {@link ShoppingGrammar}. Offline and free, good on the shop's sentences, deaf to anything else; the
 * dev stack's and CI's recogniser. A recogniser is not thread-safe and takes about a second to build,
 * so a few are built on demand and reused.
 */
public final class SphinxSpeechToText implements SpeechToText {

    private static final Logger LOG = LoggerFactory.getLogger(SphinxSpeechToText.class);
    private static final String ACOUSTIC_MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us";
    /** Below this RMS (of 32,767) a clip is silence or hiss: about -50 dBFS. */
    private static final double SILENCE_RMS = 100;
    /** 300 ms of 16 kHz 16-bit silence. */
    private static final int PADDING_BYTES = 16_000 * 2 * 3 / 10;
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(30);
    /** Sphinx4's own logger (its default configuration's name), held so its level sticks. */
    private static final java.util.logging.Logger SPHINX_LOG = java.util.logging.Logger.getLogger("default.config");

    private final Supplier<ShoppingGrammar> grammar;
    private final int maxRecognisers;
    private final BlockingQueue<GrammarRecogniser> idle;
    private final Semaphore inUse;
    private final AtomicInteger built = new AtomicInteger();
    private final AtomicInteger warming = new AtomicInteger();
    private Configuration configuration;

    /**
     * @param grammar the language to hear, made when the first recogniser is built (reading the CMU
     *     dictionary takes a moment: no process pays for it before it hears speech or warms up)
     * @param maxRecognisers how many utterances may be recognised at once (each recogniser holds ~50 MB)
     */
    public SphinxSpeechToText(Supplier<ShoppingGrammar> grammar, int maxRecognisers) {
        this.grammar = grammar;
        this.maxRecognisers = maxRecognisers;
        this.idle = new ArrayBlockingQueue<>(maxRecognisers);
        this.inUse = new Semaphore(maxRecognisers, true);
    }

    /** The recognisers' configuration, with the grammar and its dictionary written to a directory once. */
    private synchronized Configuration configuration() {
        if (configuration == null) {
            ShoppingGrammar language = grammar.get();
            Path directory;
            try {
                directory = Files.createTempDirectory("styleshepherd-grammar");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            language.writeTo(directory);
            if (!language.unpronounceable().isEmpty()) {
                LOG.warn("Speech grammar leaves out shop words no dictionary pronounces: {} (add them to "
                        + "shopping-addenda.dict)", language.unpronounceable());
            }
            Configuration made = new Configuration();
            made.setAcousticModelPath(ACOUSTIC_MODEL);
            made.setDictionaryPath(directory.resolve(ShoppingGrammar.NAME + ".dict").toUri().toString());
            made.setGrammarPath(directory.toUri().toString());
            made.setGrammarName(ShoppingGrammar.NAME);
            made.setUseGrammar(true);
            made.setSampleRate(16_000);
            configuration = made;
        }
        return configuration;
    }

    /**
     * Builds the first recogniser in the background (about ten seconds of one core: Sphinx4 compiles the
     * grammar into a search graph), so the first spoken turn after a start does not wait for it.
     */
    public void warmUp() {
        warming.incrementAndGet();
        Thread.ofVirtual().name("speech-warm-up").start(() -> {
            try {
                idle.offer(build());
            } catch (RuntimeException failed) {
                LOG.warn("Speech recogniser warm-up failed; the first spoken turn builds one: {}", failed.toString());
            } finally {
                warming.decrementAndGet();
            }
        });
    }

    @Override
    public String transcribe(byte[] wav) {
        byte[] samples = Wav.littleEndianSamples(wav);
        if (!holdsSound(samples)) {
            return "";
        }
        try {
            inUse.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a recogniser", e);
        }
        try {
            GrammarRecogniser recogniser = idle.poll();
            if (recogniser == null && warming.get() > 0) {
                // The warm-up is building one: waiting for it is quicker than building another.
                recogniser = idle.poll(WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (recogniser == null) {
                recogniser = build();
            }
            String words;
            try {
                words = recogniser.hear(samples);
            } catch (RuntimeException broken) {
                // Sphinx4 recognisers can be left broken by an earlier utterance (LiveCMN after one without
                // speech): this one is dropped, and a fresh one hears the clip.
                LOG.warn("Speech recogniser failed, replacing it: {}", broken.toString());
                recogniser = build();
                words = recogniser.hear(samples);
            }
            idle.offer(recogniser);
            return words;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the recogniser being warmed up", e);
        } finally {
            inUse.release();
        }
    }

    /** Whether the clip is loud enough anywhere to hold speech: RMS of the loudest 100 ms window. */
    static boolean holdsSound(byte[] littleEndianSamples) {
        int window = 1_600;
        double loudest = 0;
        int samples = littleEndianSamples.length / 2;
        for (int start = 0; start < samples; start += window) {
            double energy = 0;
            int end = Math.min(samples, start + window);
            for (int i = start; i < end; i++) {
                int sample = (short) ((littleEndianSamples[2 * i + 1] << 8) | (littleEndianSamples[2 * i] & 0xff));
                energy += (double) sample * sample;
            }
            loudest = Math.max(loudest, Math.sqrt(energy / (end - start)));
        }
        return loudest >= SILENCE_RMS;
    }

    @Override
    public String name() {
        return "sphinx4";
    }

    private GrammarRecogniser build() {
        long started = System.nanoTime();
        try {
            GrammarRecogniser recogniser = new GrammarRecogniser(configuration());
            // Each build resets Sphinx4's java.util.logging logger to INFO: every utterance's statistics.
            SPHINX_LOG.setLevel(Level.WARNING);
            LOG.info("Speech recogniser {}/{} ready in {} ms", built.incrementAndGet(), maxRecognisers,
                    (System.nanoTime() - started) / 1_000_000);
            return recogniser;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the Sphinx4 models", e);
        }
    }

    /**
     * A Sphinx4 recogniser that compiles its grammar once. (Sphinx4's {@code StreamSpeechRecognizer}
     * allocates, and so recompiles the grammar's search graph, for every utterance: seconds each.)
     */
    private static final class GrammarRecogniser extends AbstractSpeechRecognizer {

        GrammarRecogniser(Configuration configuration) throws IOException {
            super(new Context(configuration));
            recognizer.allocate();
        }

        String hear(byte[] samples) {
            // Silence around the clip: the endpointer needs some before the first word to hear its onset.
            byte[] padded = new byte[samples.length + 2 * PADDING_BYTES];
            System.arraycopy(samples, 0, padded, PADDING_BYTES, samples.length);
            context.setSpeechSource(new ByteArrayInputStream(padded), TimeFrame.INFINITE);
            StringBuilder words = new StringBuilder();
            SpeechResult result;
            while ((result = getResult()) != null) {
                String hypothesis = result.getHypothesis().strip();
                if (!hypothesis.isEmpty()) {
                    words.append(words.isEmpty() ? "" : " ").append(hypothesis);
                }
            }
            return words.toString();
        }
    }
}
