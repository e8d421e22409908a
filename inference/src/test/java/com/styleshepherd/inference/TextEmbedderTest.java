package com.styleshepherd.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The DJL embedder against the same model run directly with ONNX Runtime's own Java API (pooling and
 * normalisation computed here by hand), and against what sentence embeddings must do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextEmbedderTest {

    static final List<String> TEXTS = List.of(
            "red silk evening dress for a wedding",
            "crimson satin gown for a formal party",
            "brown leather wallet with coin pocket",
            "Men Black Running Shoes, cushioned sole, breathable mesh upper; lace-up closure for daily training");

    private TextEmbedder fp32;
    private TextEmbedder int8;

    @BeforeAll
    void load() {
        fp32 = TextEmbedder.load(TextEmbedder.Variant.FP32);
        int8 = TextEmbedder.load(TextEmbedder.Variant.INT8);
    }

    @AfterAll
    void close() {
        fp32.close();
        int8.close();
    }

    @Test
    void equalsRawOnnxRuntimeWithinOneTenThousandth() throws Exception {
        for (TextEmbedder embedder : List.of(fp32, int8)) {
            float[][] djl = embedder.embed(TEXTS);
            float[][] reference;
            try (RawOnnxTextModel raw = new RawOnnxTextModel(embedder)) {
                reference = raw.embed(TEXTS);
            }
            for (int i = 0; i < TEXTS.size(); i++) {
                assertEquals(TextEmbedder.DIMENSIONS, djl[i].length);
                for (int d = 0; d < TextEmbedder.DIMENSIONS; d++) {
                    assertEquals(reference[i][d], djl[i][d], 1e-4, embedder.variant() + " text " + i + " dim " + d);
                }
            }
        }
    }

    @Test
    void vectorsHaveUnitLengthAndMeaningDecidesTheNeighbours() {
        float[][] vectors = fp32.embed(TEXTS);
        for (float[] vector : vectors) {
            assertEquals(1.0, dot(vector, vector), 1e-4);
        }
        double dressToGown = dot(vectors[0], vectors[1]);
        double dressToWallet = dot(vectors[0], vectors[2]);
        assertTrue(dressToGown > dressToWallet + 0.2, "dress~gown " + dressToGown + " vs dress~wallet " + dressToWallet);
    }

    @Test
    void aTextEmbedsTheSameAloneAsInABatchOfLongerOnes() {
        float[] alone = fp32.embed(List.of(TEXTS.get(2)))[0];
        float[] inBatch = fp32.embed(TEXTS)[2];
        for (int d = 0; d < TextEmbedder.DIMENSIONS; d++) {
            assertEquals(alone[d], inBatch[d], 1e-4, "padding must not change a vector (dim " + d + ")");
        }
    }

    @Test
    void theInt8BuildStaysCloseToTheFp32One() {
        float[][] full = fp32.embed(TEXTS);
        float[][] quantised = int8.embed(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertTrue(dot(full[i], quantised[i]) > 0.95, "cosine fp32~int8 of text " + i + ": " + dot(full[i], quantised[i]));
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
