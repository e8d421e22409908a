package com.styleshepherd.inference;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns pictures into unit-length vectors whose dot product says how alike two pictures look. Two
 * implementations: {@link OnnxImageEmbedder} runs a neural model from a configured ONNX file (a CLIP
 * or FashionCLIP image encoder in production), {@link ColourTextureDescriptor} is the non-neural
 * fallback of the dev stack. Vectors of different models are never compared: each is stored with its
 * {@link #modelId()} and {@link #modelVersion()}.
 */
public interface ImageEmbedder extends AutoCloseable {

    /** What made the vectors, e.g. {@code fashion-clip-image} or {@code colour-texture-histogram}. */
    String modelId();

    /** Which build of the model: a content hash of an ONNX file, or the descriptor's revision. */
    String modelVersion();

    int dimensions();

    /** One unit-length vector per picture, in order; the pictures run as one batch. */
    float[][] embed(List<BufferedImage> images);

    @Override
    default void close() {
    }
}
