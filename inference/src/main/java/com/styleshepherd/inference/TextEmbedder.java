package com.styleshepherd.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Sentence embeddings with all-MiniLM-L6-v2 (384 dimensions, unit length) through DJL's ONNX Runtime
 * engine, offline: the ONNX file and its tokenizer ship inside langchain4j's model jars and are read
 * as resources. Mean pooling over the tokens the attention mask keeps, then L2 normalisation, as the
 * sentence-transformers model defines it. One instance per process; {@link #embed} is thread-safe
 * (each call uses its own predictor).
 */
public final class TextEmbedder implements AutoCloseable {

    public static final int DIMENSIONS = 384;
    /** Longer texts are truncated to this many tokens (the model's training length). */
    public static final int MAX_TOKENS = 256;

    /** The two builds of the model in the langchain4j jars. */
    public enum Variant {
        FP32("all-minilm-l6-v2"), INT8("all-minilm-l6-v2-q");

        final String resource;

        Variant(String resource) {
            this.resource = resource;
        }
    }

    private final Variant variant;
    private final Path directory;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<NDList, NDList> model;

    private TextEmbedder(Variant variant, Path directory, HuggingFaceTokenizer tokenizer, ZooModel<NDList, NDList> model) {
        this.variant = variant;
        this.directory = directory;
        this.tokenizer = tokenizer;
        this.model = model;
    }

    /** Loads the model and tokenizer from the classpath onto the CPU. */
    public static TextEmbedder load(Variant variant) {
        return load(variant, Device.cpu());
    }

    /**
     * Loads the model and tokenizer from the classpath (a copy in a temporary directory). On a GPU
     * device ONNX Runtime runs the model with its CUDA execution provider ({@code onnxruntime_gpu}).
     */
    public static TextEmbedder load(Variant variant, Device device) {
        try {
            Path directory = Files.createTempDirectory("minilm-");
            Path modelFile = copy(variant.resource + ".onnx", directory.resolve("model.onnx"));
            Path tokenizerFile = copy(variant.resource + "-tokenizer.json", directory.resolve("tokenizer.json"));
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile, Map.of(
                    "padding", "true", "truncation", "true", "maxLength", String.valueOf(MAX_TOKENS)));
            ZooModel<NDList, NDList> model = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(modelFile)
                    .optEngine("OnnxRuntime")
                    .optDevice(device)
                    .optTranslator(new NoopTranslator())
                    .build()
                    .loadModel();
            return new TextEmbedder(variant, directory, tokenizer, model);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the " + variant + " text model", e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("could not load the " + variant + " text model", e);
        }
    }

    public Variant variant() {
        return variant;
    }

    /** The model id stored beside each vector. */
    public String modelId() {
        return "all-MiniLM-L6-v2";
    }

    /** The model version stored beside each vector: which build of the model made it. */
    public String modelVersion() {
        return variant == Variant.FP32 ? "onnx-fp32" : "onnx-int8";
    }

    /** One unit-length vector per text, in order; the texts run as one batch. */
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int length = encodings[0].getIds().length;
        long[][] ids = new long[batch][];
        long[][] mask = new long[batch][];
        long[][] types = new long[batch][];
        for (int i = 0; i < batch; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = encodings[i].getTypeIds();
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray inputIds = manager.create(ids);
            inputIds.setName("input_ids");
            NDArray attention = manager.create(mask);
            attention.setName("attention_mask");
            NDArray typeIds = manager.create(types);
            typeIds.setName("token_type_ids");
            NDArray tokens = predictor.predict(new NDList(inputIds, attention, typeIds)).get(0);
            // Mean over the tokens the mask keeps, then unit length: plain Java over the output, which
            // costs less than NDArray operations the ONNX Runtime engine does not run natively.
            float[] hidden = tokens.toFloatArray();
            float[][] vectors = new float[batch][DIMENSIONS];
            for (int i = 0; i < batch; i++) {
                float[] vector = vectors[i];
                int kept = 0;
                for (int t = 0; t < length; t++) {
                    if (mask[i][t] == 1) {
                        kept++;
                        int offset = (i * length + t) * DIMENSIONS;
                        for (int d = 0; d < DIMENSIONS; d++) {
                            vector[d] += hidden[offset + d];
                        }
                    }
                }
                double norm = 0;
                for (int d = 0; d < DIMENSIONS; d++) {
                    vector[d] /= Math.max(kept, 1);
                    norm += vector[d] * vector[d];
                }
                float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
                for (int d = 0; d < DIMENSIONS; d++) {
                    vector[d] *= scale;
                }
            }
            return vectors;
        } catch (TranslateException e) {
            throw new IllegalStateException("text embedding failed", e);
        }
    }

    /** Tokens of each text, as the model sees them (for tests and the reference computation). */
    public Encoding[] tokenize(List<String> texts) {
        return tokenizer.batchEncode(texts);
    }

    /** The model file this embedder runs (for the reference computation). */
    public Path modelFile() {
        return directory.resolve("model.onnx");
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = TextEmbedder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is not on the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
