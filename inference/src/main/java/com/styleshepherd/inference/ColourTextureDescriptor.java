package com.styleshepherd.inference;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A non-neural picture descriptor for the dev stack, where no pretrained image model can be
 * downloaded: what colours a product has and what its surface looks like, in 96 numbers.
 *
 * <ol>
 *   <li>The picture is scaled to 96×96. Catalog photos sit on a white or light-grey background, so
 *       near-white, unsaturated pixels count as background and are left out (unless they are
 *       almost all of the picture).</li>
 *   <li><b>Colour</b> (52 bins): a hue × saturation × value histogram of the foreground — 12 hues ×
 *       2 saturations × 2 values for coloured pixels, and 4 grey levels for unsaturated ones.</li>
 *   <li><b>Texture</b> (44 bins): Sobel gradients of the grey image — an orientation histogram
 *       (8 bins, weighted by gradient strength) of the whole foreground and of each quarter of the
 *       picture, and a 4-bin histogram of gradient strength (smooth, soft, busy, sharp).</li>
 *   <li>Each block is made a distribution, square-rooted (Hellinger), scaled to unit length and
 *       weighted; the whole is scaled to unit length, so a dot product compares two pictures.</li>
 * </ol>
 *
 * It finds the same or a near-identical picture reliably and pictures of the same colours and
 * texture next; it knows nothing of shapes or garment types, which is what a CLIP-like model adds.
 */
public final class ColourTextureDescriptor implements ImageEmbedder {

    public static final int DIMENSIONS = 96;
    private static final int SIDE = 96;
    private static final int HUES = 12;
    private static final int COLOUR_BINS = HUES * 2 * 2 + 4;
    private static final int ORIENTATIONS = 8;
    private static final int MAGNITUDES = 4;

    private static final float COLOUR_WEIGHT = 1.0f;
    private static final float ORIENTATION_WEIGHT = 0.5f;
    private static final float GRID_WEIGHT = 0.5f;
    private static final float MAGNITUDE_WEIGHT = 0.4f;

    @Override
    public String modelId() {
        return "colour-texture-histogram";
    }

    @Override
    public String modelVersion() {
        return "1";
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[][] embed(List<BufferedImage> images) {
        float[][] vectors = new float[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            vectors[i] = describe(images.get(i));
        }
        return vectors;
    }

    /** The descriptor of one picture. */
    public float[] describe(BufferedImage image) {
        int[] rgb = scaled(image);
        boolean[] foreground = foreground(rgb);
        float[] grey = new float[rgb.length];
        float[] colour = new float[COLOUR_BINS];
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xff;
            int g = (rgb[i] >> 8) & 0xff;
            int b = rgb[i] & 0xff;
            grey[i] = 0.299f * r + 0.587f * g + 0.114f * b;
            if (foreground[i]) {
                colour[colourBin(r, g, b)]++;
            }
        }
        float[] orientation = new float[ORIENTATIONS];
        float[] grid = new float[4 * ORIENTATIONS];
        float[] magnitude = new float[MAGNITUDES];
        for (int y = 1; y < SIDE - 1; y++) {
            for (int x = 1; x < SIDE - 1; x++) {
                int i = y * SIDE + x;
                if (!foreground[i]) {
                    continue;
                }
                float gx = grey[i - SIDE + 1] + 2 * grey[i + 1] + grey[i + SIDE + 1]
                        - grey[i - SIDE - 1] - 2 * grey[i - 1] - grey[i + SIDE - 1];
                float gy = grey[i + SIDE - 1] + 2 * grey[i + SIDE] + grey[i + SIDE + 1]
                        - grey[i - SIDE - 1] - 2 * grey[i - SIDE] - grey[i - SIDE + 1];
                float strength = (float) Math.sqrt(gx * gx + gy * gy);
                magnitude[strength < 16 ? 0 : strength < 64 ? 1 : strength < 192 ? 2 : 3]++;
                if (strength < 16) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                int bin = Math.min(ORIENTATIONS - 1, (int) (angle / Math.PI * ORIENTATIONS));
                orientation[bin] += strength;
                int quarter = (y < SIDE / 2 ? 0 : 2) + (x < SIDE / 2 ? 0 : 1);
                grid[quarter * ORIENTATIONS + bin] += strength;
            }
        }
        float[] vector = new float[DIMENSIONS];
        int offset = 0;
        offset = put(vector, offset, colour, COLOUR_WEIGHT);
        offset = put(vector, offset, orientation, ORIENTATION_WEIGHT);
        offset = put(vector, offset, grid, GRID_WEIGHT);
        put(vector, offset, magnitude, MAGNITUDE_WEIGHT);
        return Vectors.normalize(vector);
    }

    private static int[] scaled(BufferedImage image) {
        BufferedImage small = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = small.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, 0, 0, SIDE, SIDE, null);
        } finally {
            graphics.dispose();
        }
        return small.getRGB(0, 0, SIDE, SIDE, null, 0, SIDE);
    }

    /** Pixels that are not near-white, unsaturated background; all of them if that leaves too few. */
    private static boolean[] foreground(int[] rgb) {
        boolean[] mask = new boolean[rgb.length];
        int count = 0;
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xff;
            int g = (rgb[i] >> 8) & 0xff;
            int b = rgb[i] & 0xff;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            mask[i] = !(min > 225 && max - min < 20);
            if (mask[i]) {
                count++;
            }
        }
        if (count < rgb.length / 20) {
            java.util.Arrays.fill(mask, true);
        }
        return mask;
    }

    private static int colourBin(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        float value = max / 255f;
        float saturation = max == 0 ? 0 : (max - min) / (float) max;
        if (saturation < 0.2f || value < 0.15f) {
            // Greys: black, dark grey, light grey, white.
            return HUES * 4 + Math.min(3, (int) (value * 4));
        }
        float hue;
        if (max == r) {
            hue = ((g - b) / (float) (max - min) + 6) % 6;
        } else if (max == g) {
            hue = (b - r) / (float) (max - min) + 2;
        } else {
            hue = (r - g) / (float) (max - min) + 4;
        }
        int hueBin = Math.min(HUES - 1, (int) (hue / 6 * HUES));
        int saturationBin = saturation < 0.55f ? 0 : 1;
        int valueBin = value < 0.6f ? 0 : 1;
        return (hueBin * 2 + saturationBin) * 2 + valueBin;
    }

    /** Writes the block as a weighted unit-length Hellinger vector; returns the next offset. */
    private static int put(float[] vector, int offset, float[] histogram, float weight) {
        float total = 0;
        for (float count : histogram) {
            total += count;
        }
        float[] block = new float[histogram.length];
        if (total > 0) {
            for (int i = 0; i < histogram.length; i++) {
                block[i] = (float) Math.sqrt(histogram[i] / total);
            }
        }
        Vectors.normalize(block);
        for (int i = 0; i < block.length; i++) {
            vector[offset + i] = block[i] * weight;
        }
        return offset + block.length;
    }
}
