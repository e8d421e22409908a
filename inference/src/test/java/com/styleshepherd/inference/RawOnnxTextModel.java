package com.styleshepherd.inference;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Map;

/**
 * The text model's file run straight through ONNX Runtime's Java API, with mean pooling and the L2 norm
 * written out here: the independent reference {@link TextEmbedder} is checked against (within 1e-4) and
 * measured against (throughput, in the api's embedding benchmark). Same tokenizer, same session options
 * as ONNX Runtime's defaults.
 */
public final class RawOnnxTextModel implements AutoCloseable {

    private final TextEmbedder tokenizerOwner;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public RawOnnxTextModel(TextEmbedder embedder) throws OrtException {
        this.tokenizerOwner = embedder;
        this.session = env.createSession(embedder.modelFile().toString(), new OrtSession.SessionOptions());
    }

    public float[][] embed(List<String> texts) throws OrtException {
        Encoding[] encodings = tokenizerOwner.tokenize(texts);
        long[][] ids = new long[texts.size()][];
        long[][] mask = new long[texts.size()][];
        long[][] types = new long[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = encodings[i].getTypeIds();
        }
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, ids);
             OnnxTensor attention = OnnxTensor.createTensor(env, mask);
             OnnxTensor typeIds = OnnxTensor.createTensor(env, types);
             OrtSession.Result result = session.run(Map.of("input_ids", inputIds, "attention_mask", attention,
                     "token_type_ids", typeIds))) {
            float[][][] tokens = (float[][][]) result.get(0).getValue();
            float[][] vectors = new float[texts.size()][TextEmbedder.DIMENSIONS];
            for (int i = 0; i < texts.size(); i++) {
                double kept = 0;
                double[] sum = new double[TextEmbedder.DIMENSIONS];
                for (int t = 0; t < tokens[i].length; t++) {
                    if (mask[i][t] == 1) {
                        kept++;
                        for (int d = 0; d < TextEmbedder.DIMENSIONS; d++) {
                            sum[d] += tokens[i][t][d];
                        }
                    }
                }
                double norm = 0;
                for (int d = 0; d < TextEmbedder.DIMENSIONS; d++) {
                    sum[d] /= kept;
                    norm += sum[d] * sum[d];
                }
                norm = Math.sqrt(norm);
                for (int d = 0; d < TextEmbedder.DIMENSIONS; d++) {
                    vectors[i][d] = (float) (sum[d] / norm);
                }
            }
            return vectors;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
