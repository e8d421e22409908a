package com.styleshepherd.gpu.embedding;

import com.styleshepherd.inference.ImageDecoder;
import com.styleshepherd.inference.ImageEmbedder;
import com.styleshepherd.inference.TextEmbedder;
import com.styleshepherd.store.embedding.EmbeddingJobs;
import com.styleshepherd.store.embedding.EmbeddingSource;
import com.styleshepherd.store.embedding.EmbeddingStore;
import com.styleshepherd.workflows.catalog.EmbeddingActivities;
import com.styleshepherd.workflows.catalog.EmbeddingPlan;
import com.styleshepherd.workflows.catalog.EmbeddingProgress;
import com.styleshepherd.workflows.catalog.EmbeddingRun;
import com.styleshepherd.workflows.catalog.Modality;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import jakarta.inject.Singleton;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EmbeddingActivities} on the gpu queue: products waiting for a model are read in id order,
 * {@code styleshepherd.embedding.batch-size} at a time, run through the model as one batch, and
 * written with the job's progress in one transaction; then the activity heartbeats the last product
 * id. A retry (after the worker was killed) starts after the last batch saved for the job, as the
 * database records it: Temporal passes heartbeat details on at most every 80% of the heartbeat timeout,
 * so the last heartbeat to reach it may be many batches behind. A product written is no longer waiting
 * either way, so nothing is embedded twice.
 */
@Singleton
class EmbeddingActivitiesImpl implements EmbeddingActivities {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingActivitiesImpl.class);

    private final TextEmbedder text;
    private final ImageEmbedder images;
    private final CatalogImages pictures;
    private final EmbeddingStore store;
    private final EmbeddingJobs jobs;
    private final MeterRegistry meters;
    private final int batchSize;

    EmbeddingActivitiesImpl(TextEmbedder text, ImageEmbedder images, CatalogImages pictures, EmbeddingStore store,
            EmbeddingJobs jobs, MeterRegistry meters, @Value("${styleshepherd.embedding.batch-size:64}") int batchSize) {
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("styleshepherd.embedding.batch-size must be 1..1024, not " + batchSize);
        }
        this.text = text;
        this.images = images;
        this.pictures = pictures;
        this.store = store;
        this.jobs = jobs;
        this.meters = meters;
        this.batchSize = batchSize;
    }

    @Override
    public EmbeddingPlan planEmbedding(String jobId) {
        List<EmbeddingPlan.Target> targets = List.of(
                new EmbeddingPlan.Target(Modality.TEXT, text.modelId(), text.modelVersion(),
                        store.countWaiting(text.modelId(), text.modelVersion(), false)),
                new EmbeddingPlan.Target(Modality.IMAGE, images.modelId(), images.modelVersion(),
                        store.countWaiting(images.modelId(), images.modelVersion(), true)));
        EmbeddingPlan plan = new EmbeddingPlan(targets);
        Map<String, String> models = new LinkedHashMap<>();
        targets.forEach(t -> models.put(t.modality().name(), t.modelId() + "/" + t.modelVersion()));
        jobs.recordPlan(UUID.fromString(jobId), plan.total(), models);
        LOG.info("Embedding job {} planned: {}", jobId, targets);
        return plan;
    }

    @Override
    public EmbeddingProgress embedPending(EmbeddingRun run) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        String modelId = run.modality() == Modality.TEXT ? text.modelId() : images.modelId();
        String modelVersion = run.modality() == Modality.TEXT ? text.modelVersion() : images.modelVersion();
        EmbeddingProgress progress = resumePoint(context, run.jobId(), modelId, modelVersion);
        if (progress.lastProductId() > 0) {
            LOG.info("Embedding job {} {} resumes after product {} ({} embedded before)", run.jobId(), run.modality(),
                    progress.lastProductId(), progress.embedded());
        }
        boolean onlyPictures = run.modality() == Modality.IMAGE;
        while (true) {
            List<EmbeddingSource> batch = store.nextWaiting(modelId, modelVersion, onlyPictures,
                    progress.lastProductId(), batchSize);
            if (batch.isEmpty()) {
                return progress;
            }
            long start = System.nanoTime();
            Embedded embedded = run.modality() == Modality.TEXT ? embedTexts(batch) : embedPictures(batch);
            store.saveBatch(run.jobId(), modelId, modelVersion, embedded.sources(), embedded.vectors(), embedded.skipped());
            meters.timer("embedding.batch", "modality", run.modality().name()).record(System.nanoTime() - start,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            meters.counter("embedding.vectors", "modality", run.modality().name()).increment(embedded.sources().size());
            progress = new EmbeddingProgress(batch.get(batch.size() - 1).productId(),
                    progress.embedded() + embedded.sources().size(), progress.skipped() + embedded.skipped());
            // Throws when the workflow was cancelled or the activity timed out: the loop stops here.
            context.heartbeat(progress);
        }
    }

    /**
     * Where a run starts: after the last batch saved for the job, or after the last heartbeat where that is
     * further (it also counts the batch's trailing products that were skipped, which leave no vector). The
     * skipped count comes from the heartbeat alone, so after a takeover it may miss the predecessor's last
     * batches; the job's row counts every one.
     */
    private EmbeddingProgress resumePoint(ActivityExecutionContext context, String jobId, String modelId,
            String modelVersion) {
        EmbeddingProgress heartbeat = context.getHeartbeatDetails(EmbeddingProgress.class)
                .orElse(EmbeddingProgress.START);
        EmbeddingStore.Saved saved = store.saved(jobId, modelId, modelVersion);
        if (saved.lastProductId() <= heartbeat.lastProductId()) {
            return heartbeat;
        }
        return new EmbeddingProgress(saved.lastProductId(), saved.embedded(), heartbeat.skipped());
    }

    private Embedded embedTexts(List<EmbeddingSource> batch) {
        float[][] vectors = text.embed(batch.stream().map(EmbeddingSource::text).toList());
        return new Embedded(batch, List.of(vectors), 0);
    }

    private Embedded embedPictures(List<EmbeddingSource> batch) {
        List<EmbeddingSource> readable = new ArrayList<>();
        List<BufferedImage> decoded = new ArrayList<>();
        int skipped = 0;
        String firstProblem = null;
        for (EmbeddingSource source : batch) {
            try {
                decoded.add(pictures.load(source));
                readable.add(source);
            } catch (IOException | ImageDecoder.UnreadableImageException e) {
                skipped++;
                // The decoder's own failure, if any, is the cause: the message is the one a client would get.
                String problem = e.getCause() == null ? e.getMessage() : e.getMessage() + " (" + e.getCause() + ")";
                LOG.debug("Product {} has no usable picture ({}): {}", source.productId(), picture(source), problem);
                if (firstProblem == null) {
                    firstProblem = "product " + source.productId() + " (" + picture(source) + "): " + problem;
                }
            }
        }
        // One line per batch, not per picture: a catalog whose files are elsewhere would flood the log.
        if (skipped > 0) {
            LOG.warn("{} of {} products have no usable picture, first {}", skipped, batch.size(), firstProblem);
        }
        float[][] vectors = images.embed(decoded);
        return new Embedded(readable, List.of(vectors), skipped);
    }

    private static String picture(EmbeddingSource source) {
        return source.imageKey() != null ? source.imageKey() : source.imageRef();
    }

    private record Embedded(List<EmbeddingSource> sources, List<float[]> vectors, int skipped) {
    }
}
