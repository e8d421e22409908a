package com.styleshepherd.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.styleshepherd.testing.SharedData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Both image embedders: the ONNX path against raw ONNX Runtime, and the descriptor's retrieval. */
class ImageEmbeddersTest {

    @Test
    void onnxPathEqualsRawOnnxRuntimeWithinOneTenThousandth() throws Exception {
        Path file = TinyOnnxImageModel.write(Path.of("target", "models", "tiny-image.onnx"), 7);
        List<BufferedImage> pictures = List.of(solid(Color.RED, 40, 30), stripes(), solid(new Color(30, 90, 40), 64, 64));
        try (OnnxImageEmbedder embedder = OnnxImageEmbedder.load("tiny-image", file, "image_embeds",
                OnnxImageEmbedder.CLIP_MEAN, OnnxImageEmbedder.CLIP_STD, Device.cpu());
             OrtEnvironment env = OrtEnvironment.getEnvironment();
             OrtSession session = env.createSession(file.toString())) {
            assertArrayEquals(new int[] {32, 32}, embedder.inputSize(), "input size read from the model");
            assertEquals(TinyOnnxImageModel.DIMENSIONS, embedder.dimensions());
            assertTrue(embedder.modelVersion().startsWith("sha256-"), embedder.modelVersion());
            float[][] vectors = embedder.embed(pictures);
            for (int n = 0; n < pictures.size(); n++) {
                float[] reference = reference(env, session, embedder.centreCrop(pictures.get(n)));
                assertEquals(1.0, norm(vectors[n]), 1e-5, "unit length");
                for (int d = 0; d < reference.length; d++) {
                    assertEquals(reference[d], vectors[n][d], 1e-4, "picture " + n + " dimension " + d);
                }
            }
        }
        try (OnnxImageEmbedder first = OnnxImageEmbedder.load("tiny-image", file, null,
                OnnxImageEmbedder.CLIP_MEAN, OnnxImageEmbedder.CLIP_STD, Device.cpu())) {
            assertEquals(TinyOnnxImageModel.FILTERS, first.dimensions(), "without an output name, the first output");
        }
    }

    /** What the embedder must compute, done by hand: CLIP normalisation, NCHW, the named output, unit length. */
    private static float[] reference(OrtEnvironment env, OrtSession session, int[] rgb) throws Exception {
        int plane = rgb.length;
        float[] input = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            input[i] = ((rgb[i] >> 16 & 0xff) / 255f - 0.48145466f) / 0.26862954f;
            input[plane + i] = ((rgb[i] >> 8 & 0xff) / 255f - 0.4578275f) / 0.26130258f;
            input[2 * plane + i] = ((rgb[i] & 0xff) / 255f - 0.40821073f) / 0.27577711f;
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, 32, 32});
             OrtSession.Result result = session.run(Map.of("pixel_values", tensor))) {
            float[] out = ((float[][]) result.get("image_embeds").orElseThrow().getValue())[0];
            double norm = norm(out);
            float[] unit = new float[out.length];
            for (int d = 0; d < out.length; d++) {
                unit[d] = (float) (out[d] / norm);
            }
            return unit;
        }
    }

    @Test
    void theDescriptorTellsColoursAndTexturesApart() {
        ColourTextureDescriptor descriptor = new ColourTextureDescriptor();
        float[] red = descriptor.describe(solid(Color.RED, 80, 80));
        float[] darkRed = descriptor.describe(solid(new Color(200, 20, 20), 120, 60));
        float[] blue = descriptor.describe(solid(Color.BLUE, 80, 80));
        float[] stripes = descriptor.describe(stripes());
        assertEquals(ColourTextureDescriptor.DIMENSIONS, red.length);
        assertEquals(1.0, norm(red), 1e-5);
        assertEquals(1.0, Vectors.dot(red, descriptor.describe(solid(Color.RED, 80, 80))), 1e-6, "deterministic");
        assertTrue(Vectors.dot(red, darkRed) > Vectors.dot(red, blue) + 0.3,
                "red is nearer dark red than blue: " + Vectors.dot(red, darkRed) + " vs " + Vectors.dot(red, blue));
        assertTrue(Vectors.dot(stripes, descriptor.describe(stripesShifted())) > Vectors.dot(stripes, blue),
                "stripes are nearer stripes than a flat colour");
    }

    /**
     * The descriptor finds a product's photo again after the shopper's phone changed it (scaled to
     * 70 %, recompressed as JPEG at quality 0.6), among 300 catalog photos of ../shared/data.
     */
    @Test
    void theDescriptorFindsACatalogPhotoAgainAfterRescalingAndRecompression() throws IOException {
        Path folder = SharedData.require("catalog/images");
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(300).toList();
        }
        ColourTextureDescriptor descriptor = new ColourTextureDescriptor();
        List<float[]> catalog = new ArrayList<>();
        for (Path file : files) {
            catalog.add(descriptor.describe(ImageDecoder.decode(Files.readAllBytes(file))));
        }
        int found = 0;
        for (int i = 0; i < files.size(); i += 10) {
            BufferedImage photo = ImageDecoder.decode(Files.readAllBytes(files.get(i)));
            float[] query = descriptor.describe(ImageDecoder.decode(jpeg(scaled(photo, 0.7), 0.6f)));
            int best = 0;
            for (int j = 1; j < catalog.size(); j++) {
                if (Vectors.dot(query, catalog.get(j)) > Vectors.dot(query, catalog.get(best))) {
                    best = j;
                }
            }
            found += best == i ? 1 : 0;
        }
        int queries = (files.size() + 9) / 10;
        assertTrue(found >= queries * 0.9, found + " of " + queries + " photos found again");
    }

    static BufferedImage solid(Color colour, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(colour);
        g.fillRect(width / 8, height / 8, width * 3 / 4, height * 3 / 4);
        g.dispose();
        return image;
    }

    static BufferedImage stripes() {
        return stripes(0);
    }

    private static BufferedImage stripesShifted() {
        return stripes(3);
    }

    private static BufferedImage stripes(int shift) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, ((x + shift) / 4) % 2 == 0 ? 0x1E3CC8 : 0x202020);
            }
        }
        return image;
    }

    private static BufferedImage scaled(BufferedImage image, double factor) {
        int width = (int) (image.getWidth() * factor);
        int height = (int) (image.getHeight() * factor);
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }

    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
