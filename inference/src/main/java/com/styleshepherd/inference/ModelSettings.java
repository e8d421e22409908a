package com.styleshepherd.inference;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.List;

/**
 * Which models a process loads ({@code styleshepherd.models.*}).
 *
 * <pre>
 * styleshepherd.models:
 *   device: auto            # auto | cpu | gpu — auto picks the GPU when ONNX Runtime has CUDA and one is present
 *   text-variant: INT8      # INT8 | FP32 build of all-MiniLM-L6-v2 (both ship in the jar)
 *   image:
 *     path: /models/fashion-clip-image.onnx   # unset: the colour + texture descriptor
 *     id: fashion-clip-image
 *     output-name: image_embeds
 *     mean: [0.48145466, 0.4578275, 0.40821073]
 *     std: [0.26862954, 0.26130258, 0.27577711]
 * </pre>
 */
@ConfigurationProperties("styleshepherd.models")
public class ModelSettings {

    private String device = "auto";
    private TextEmbedder.Variant textVariant = TextEmbedder.Variant.INT8;
    private final Image image = new Image();

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public TextEmbedder.Variant getTextVariant() {
        return textVariant;
    }

    public void setTextVariant(TextEmbedder.Variant textVariant) {
        this.textVariant = textVariant;
    }

    public Image getImage() {
        return image;
    }

    /** The image model; without a path the dev stack's {@link ColourTextureDescriptor} is used. */
    @ConfigurationProperties("image")
    public static class Image {
        private Path path;
        private String id = "clip-image";
        private String outputName;
        private List<Float> mean = floats(OnnxImageEmbedder.CLIP_MEAN);
        private List<Float> std = floats(OnnxImageEmbedder.CLIP_STD);

        @Nullable
        public Path getPath() {
            return path;
        }

        public void setPath(@Nullable Path path) {
            this.path = path;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        @Nullable
        public String getOutputName() {
            return outputName;
        }

        public void setOutputName(@Nullable String outputName) {
            this.outputName = outputName;
        }

        public List<Float> getMean() {
            return mean;
        }

        public void setMean(List<Float> mean) {
            this.mean = mean;
        }

        public List<Float> getStd() {
            return std;
        }

        public void setStd(List<Float> std) {
            this.std = std;
        }

        private static List<Float> floats(float[] values) {
            return List.of(values[0], values[1], values[2]);
        }
    }
}
