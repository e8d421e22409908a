package com.styleshepherd.inference;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a small image-embedding network as an ONNX file, so the tests exercise the same path a CLIP
 * model takes in production (no pretrained image model can be downloaded here). The graph, opset 13:
 *
 * <pre>
 * pixel_values [batch, 3, 32, 32]
 *   → Conv 16 filters 4×4, stride 4 → Relu → GlobalAveragePool → Flatten  = features [batch, 16]
 *   → Gemm (16 → 24)                                                       = image_embeds [batch, 24]
 * </pre>
 *
 * Both {@code features} and {@code image_embeds} are outputs, {@code features} first, so choosing the
 * output by name is tested. The weights are seeded random numbers: the model is not trained, but it
 * is a deterministic function of the picture, which is all the plumbing needs. Written with
 * protobuf-java's {@link CodedOutputStream} against onnx.proto's field numbers.
 */
final class TinyOnnxImageModel {

    static final int SIDE = 32;
    static final int FILTERS = 16;
    static final int DIMENSIONS = 24;

    private TinyOnnxImageModel() {
    }

    static Path write(Path file, long seed) {
        Random random = new Random(seed);
        byte[] graph = message(out -> {
            node(out, "Conv", List.of("pixel_values", "conv_w", "conv_b"), "conv",
                    ints("kernel_shape", 4, 4), ints("strides", 4, 4));
            node(out, "Relu", List.of("conv"), "relu");
            node(out, "GlobalAveragePool", List.of("relu"), "pooled");
            node(out, "Flatten", List.of("pooled"), "features", intAttribute("axis", 1));
            node(out, "Gemm", List.of("features", "proj_w", "proj_b"), "image_embeds");
            out.writeString(2, "tiny-image-embedder");
            tensor(out, 5, "conv_w", new long[] {FILTERS, 3, 4, 4}, gaussian(random, FILTERS * 3 * 16, 0.3f));
            tensor(out, 5, "conv_b", new long[] {FILTERS}, gaussian(random, FILTERS, 0.1f));
            tensor(out, 5, "proj_w", new long[] {FILTERS, DIMENSIONS}, gaussian(random, FILTERS * DIMENSIONS, 0.5f));
            tensor(out, 5, "proj_b", new long[] {DIMENSIONS}, gaussian(random, DIMENSIONS, 0.1f));
            valueInfo(out, 11, "pixel_values", "batch", 3, SIDE, SIDE);
            valueInfo(out, 12, "features", "batch", FILTERS);
            valueInfo(out, 12, "image_embeds", "batch", DIMENSIONS);
        });
        byte[] model = message(out -> {
            out.writeInt64(1, 8); // ir_version
            out.writeString(2, "style-shepherd-tests"); // producer_name
            out.writeByteArray(7, graph);
            out.writeByteArray(8, message(opset -> {
                opset.writeString(1, "");
                opset.writeInt64(2, 13);
            }));
        });
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, model);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void node(CodedOutputStream out, String op, List<String> inputs, String output, byte[]... attributes)
            throws IOException {
        out.writeByteArray(1, message(node -> {
            for (String input : inputs) {
                node.writeString(1, input);
            }
            node.writeString(2, output);
            node.writeString(3, output + "_node");
            node.writeString(4, op);
            for (byte[] attribute : attributes) {
                node.writeByteArray(5, attribute);
            }
        }));
    }

    private static byte[] ints(String name, long... values) {
        return message(attribute -> {
            attribute.writeString(1, name);
            for (long value : values) {
                attribute.writeInt64(8, value);
            }
            attribute.writeEnum(20, 7); // INTS
        });
    }

    private static byte[] intAttribute(String name, long value) {
        return message(attribute -> {
            attribute.writeString(1, name);
            attribute.writeInt64(3, value);
            attribute.writeEnum(20, 2); // INT
        });
    }

    private static void tensor(CodedOutputStream out, int field, String name, long[] dims, float[] values)
            throws IOException {
        out.writeByteArray(field, message(tensor -> {
            for (long dim : dims) {
                tensor.writeInt64(1, dim);
            }
            tensor.writeInt32(2, 1); // FLOAT
            tensor.writeString(8, name);
            byte[] raw = new byte[values.length * 4];
            java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
            tensor.writeByteArray(9, raw); // raw_data, little-endian
        }));
    }

    private static void valueInfo(CodedOutputStream out, int field, String name, String batch, long... dims)
            throws IOException {
        out.writeByteArray(field, message(info -> {
            info.writeString(1, name);
            info.writeByteArray(2, message(type -> type.writeByteArray(1, message(tensorType -> {
                tensorType.writeInt32(1, 1); // FLOAT
                tensorType.writeByteArray(2, message(shape -> {
                    shape.writeByteArray(1, message(dim -> dim.writeString(2, batch)));
                    for (long value : dims) {
                        shape.writeByteArray(1, message(dim -> dim.writeInt64(1, value)));
                    }
                }));
            }))));
        }));
    }

    private static float[] gaussian(Random random, int count, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
        return values;
    }
}
