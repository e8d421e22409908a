package com.styleshepherd.gpu.models;

import com.styleshepherd.store.models.ModelStore;
import com.styleshepherd.store.models.StoredModel;
import com.styleshepherd.workflows.models.ModelKind;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models that ship with the workers ({@link ShippedModel}: the size model {@value ShippedModelBuilder#SIZE}),
 * loaded into the registry as version 1 and promoted when a gpu worker starts and the registry holds no version
 * of their kind, so a fresh clone answers with a learned model before any training. Workers starting together
 * store one row ({@link ModelStore#seed}); later training runs make v2, v3… exactly as before.
 * {@code styleshepherd.models.shipped: false} turns it off.
 */
@Singleton
public class ShippedModels {

    private static final Logger log = LoggerFactory.getLogger(ShippedModels.class);

    /** The artifacts shipped, one per kind at most. */
    static final List<String> NAMES = List.of(ShippedModelBuilder.SIZE);

    private final ModelStore store;
    private final ModelRegistry registry;
    private final boolean enabled;

    ShippedModels(ModelStore store, ModelRegistry registry, @Value("${styleshepherd.models.shipped:true}") boolean enabled) {
        this.store = store;
        this.registry = registry;
        this.enabled = enabled;
    }

    /** Seeds every shipped model whose kind has no version yet. */
    public void seed() {
        if (!enabled) {
            log.info("shipped models not loaded (styleshepherd.models.shipped is false)");
            return;
        }
        for (String name : NAMES) {
            try {
                ShippedModel.load(name).ifPresentOrElse(this::seed,
                        () -> log.warn("shipped model {} is not on the class path", name));
            } catch (RuntimeException e) {
                // A worker still serves without it (size chart, rules); the log says why.
                log.warn("could not load shipped model {}: {}", name, e.toString());
            }
        }
    }

    private void seed(ShippedModel shipped) {
        ModelKind kind = ModelKind.of(shipped.kind());
        Optional<StoredModel> seeded = store.seed(new ModelStore.Candidate(shipped.kind(), shipped.trainingRun(),
                shipped.trainingRows(), shipped.testRows(), shipped.dataSource(), shipped.metric(), shipped.score(),
                shipped.metrics(), "shipped with the workers (" + shipped.name() + ", sha256 " + shipped.sha256()
                        + "); loaded because the registry held no " + shipped.kind() + " model",
                shipped.weights()));
        if (seeded.isPresent()) {
            registry.invalidate(kind);
            log.info("shipped model {} is {} model v{}{}", shipped.name(), shipped.kind(), seeded.get().version(),
                    seeded.get().promoted() ? ", promoted" : "");
        } else {
            log.debug("shipped model {} not loaded: the registry holds {} models already", shipped.name(), shipped.kind());
        }
    }
}
