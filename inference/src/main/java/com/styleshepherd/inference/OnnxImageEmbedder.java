package com.styleshepherd.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A neural image encoder from an ONNX file, run by DJL's ONNX Runtime engine: in production a CLIP or
 * FashionCLIP vision tower mounted on the GPU node (then text and pictures share one space), in CI a
 * small model the tests build. Whatever the model, the path is the same:
 *
 * <ol>
 *   <li>the picture's shorter side is scaled to the model's input size and the centre cropped
 *       (CLIP's preprocessing), RGB scaled to [0, 1] and normalised with the configured mean and
 *       standard deviation per channel, in NCHW layout;</li>
 *   <li>the model runs on the whole batch (on CUDA when the device is a GPU);</li>
 *   <li>the output named {@code outputName} (else the first) is flattened per picture and scaled to
 *       unit length.</li>
 * </ol>
 *
 * The input's name and height × width come from the model itself; the version stored beside each
 * vector is the first 12 hex digits of the file's SHA-256, so a new file re-embeds the catalog.
 */
public final class OnnxImageEmbedder implements ImageEmbedder {

    /** CLIP's normalisation, which FashionCLIP keeps. */
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final String modelId;
    private final String modelVersion;
    private final ZooModel<NDList, NDList> model;
    private final String inputName;
    private final int height;
    private final int width;
    private final String outputName;
    private final float[] mean;
    private final float[] std;
    private final int dimensions;

    private OnnxImageEmbedder(String modelId, String modelVersion, ZooModel<NDList, NDList> model, String inputName,
            int height, int width, String outputName, float[] mean, float[] std) {
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.model = model;
        this.inputName = inputName;
        this.height = height;
        this.width = width;
        this.outputName = outputName;
        this.mean = mean.clone();
        this.std = std.clone();
        this.dimensions = embed(List.of(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)))[0].length;
    }

    /**
     * Loads {@code file}.
     *
     * @param modelId what to call the vectors' model, e.g. {@code fashion-clip-image}
     * @param outputName the output holding the embedding (CLIP exports: {@code image_embeds}); null for the first
     * @param mean per-channel mean subtracted after scaling to [0, 1]
     * @param std per-channel standard deviation divided by
     */
    public static OnnxImageEmbedder load(String modelId, Path file, String outputName, float[] mean, float[] std,
            Device device) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need one value per RGB channel");
        }
        try {
            ZooModel<NDList, NDList> model = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(file)
                    .optEngine("OnnxRuntime")
                    .optDevice(device)
                    .optTranslator(new NoopTranslator())
                    .build()
                    .loadModel();
            // DJL names the inputs but not their shapes: ONNX Runtime reads them from the file.
            String inputName;
            long[] shape;
            OrtEnvironment env = OrtEnvironment.getEnvironment(); // a process-wide singleton, shared with DJL
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                 OrtSession session = env.createSession(file.toString(), options)) {
                Map<String, NodeInfo> inputs = session.getInputInfo();
                if (inputs.size() != 1 || !(inputs.values().iterator().next().getInfo() instanceof TensorInfo tensor)
                        || tensor.getShape().length != 4) {
                    model.close();
                    throw new IllegalArgumentException(file + " must take one NCHW image tensor, it takes " + inputs);
                }
                inputName = inputs.keySet().iterator().next();
                shape = tensor.getShape();
            } catch (OrtException e) {
                model.close();
                throw new IllegalStateException("could not read the inputs of " + file, e);
            }
            int height = shape[2] > 0 ? (int) shape[2] : 224;
            int width = shape[3] > 0 ? (int) shape[3] : 224;
            return new OnnxImageEmbedder(modelId, sha256Prefix(file), model, inputName, height, width,
                    outputName, mean, std);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the image model " + file, e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("could not load the image model " + file, e);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String modelVersion() {
        return modelVersion;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    /** The model's input height × width. */
    public int[] inputSize() {
        return new int[] {height, width};
    }

    @Override
    public float[][] embed(List<BufferedImage> images) {
        if (images.isEmpty()) {
            return new float[0][];
        }
        int plane = height * width;
        float[] pixels = new float[images.size() * 3 * plane];
        for (int n = 0; n < images.size(); n++) {
            int[] rgb = centreCrop(images.get(n));
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                pixels[base + i] = (((rgb[i] >> 16) & 0xff) / 255f - mean[0]) / std[0];
                pixels[base + plane + i] = (((rgb[i] >> 8) & 0xff) / 255f - mean[1]) / std[1];
                pixels[base + 2 * plane + i] = ((rgb[i] & 0xff) / 255f - mean[2]) / std[2];
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray input = manager.create(pixels, new Shape(images.size(), 3, height, width));
            input.setName(inputName);
            NDList outputs = predictor.predict(new NDList(input));
            NDArray output = outputName == null ? outputs.get(0) : outputs.get(outputName);
            if (output == null) {
                throw new IllegalStateException("the image model has no output " + outputName);
            }
            float[] flat = output.toFloatArray();
            int dims = flat.length / images.size();
            float[][] vectors = new float[images.size()][dims];
            for (int n = 0; n < images.size(); n++) {
                System.arraycopy(flat, n * dims, vectors[n], 0, dims);
                Vectors.normalize(vectors[n]);
            }
            return vectors;
        } catch (TranslateException e) {
            throw new IllegalStateException("image embedding failed", e);
        }
    }

    /** The picture with its shorter side scaled to the input and the centre cut out, as RGB ints. */
    int[] centreCrop(BufferedImage image) {
        double scale = Math.max((double) width / image.getWidth(), (double) height / image.getHeight());
        int scaledWidth = Math.max(width, (int) Math.round(image.getWidth() * scale));
        int scaledHeight = Math.max(height, (int) Math.round(image.getHeight() * scale));
        BufferedImage crop = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = crop.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, -(scaledWidth - width) / 2, -(scaledHeight - height) / 2, scaledWidth,
                    scaledHeight, null);
        } finally {
            graphics.dispose();
        }
        return crop.getRGB(0, 0, width, height, null, 0, width);
    }

    @Override
    public void close() {
        model.close();
    }

    private static String sha256Prefix(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return "sha256-" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
