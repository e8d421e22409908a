package com.styleshepherd.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models as beans, one instance per process, loaded on first use. The same code runs on a laptop
 * and on the GPU node pool: the device is chosen at start from what ONNX Runtime offers.
 */
@Factory
public class InferenceFactory {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    TextEmbedder textEmbedder(ModelSettings settings) {
        Device device = device(settings.getDevice());
        long start = System.nanoTime();
        TextEmbedder embedder = TextEmbedder.load(settings.getTextVariant(), device);
        LOG.info("Loaded text model {}/{} on {} in {} ms", embedder.modelId(), embedder.modelVersion(), device,
                (System.nanoTime() - start) / 1_000_000);
        return embedder;
    }

    @Singleton
    @Bean(preDestroy = "close")
    ImageEmbedder imageEmbedder(ModelSettings settings) {
        ModelSettings.Image image = settings.getImage();
        if (image.getPath() == null) {
            LOG.info("No image model configured (styleshepherd.models.image.path): pictures are described by "
                    + "the colour + texture histogram, not a neural model");
            return new ColourTextureDescriptor();
        }
        Device device = device(settings.getDevice());
        OnnxImageEmbedder embedder = OnnxImageEmbedder.load(image.getId(), image.getPath(), image.getOutputName(),
                floats(image.getMean()), floats(image.getStd()), device);
        LOG.info("Loaded image model {}/{} from {} on {} ({} dimensions)", embedder.modelId(), embedder.modelVersion(),
                image.getPath(), device, embedder.dimensions());
        return embedder;
    }

    /**
     * {@code cpu}, {@code gpu}, or {@code auto}: the first GPU when ONNX Runtime was built with CUDA
     * (the {@code onnxruntime_gpu} artifact of the GPU image) and the node has a GPU, else the CPU.
     */
    public static Device device(String setting) {
        return switch (setting.toLowerCase()) {
            case "cpu" -> Device.cpu();
            case "gpu" -> Device.gpu();
            case "auto" -> cudaAvailable() ? Device.gpu() : Device.cpu();
            default -> throw new IllegalArgumentException(
                    "styleshepherd.models.device must be auto, cpu or gpu, not " + setting);
        };
    }

    static boolean cudaAvailable() {
        try {
            return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)
                    && Engine.getEngine("OnnxRuntime").getGpuCount() > 0;
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("No CUDA: {}", e.toString());
            return false;
        }
    }

    private static float[] floats(List<Float> values) {
        if (values.size() != 3) {
            throw new IllegalArgumentException("image mean and std need 3 values (R, G, B), got " + values);
        }
        return new float[] {values.get(0), values.get(1), values.get(2)};
    }
}
