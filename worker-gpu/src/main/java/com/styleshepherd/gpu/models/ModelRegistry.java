package com.styleshepherd.gpu.models;

import com.styleshepherd.gpu.fit.FitModel;
import com.styleshepherd.gpu.returnrisk.ReturnRiskModel;
import com.styleshepherd.gpu.sizing.BoostedSizeModel;
import com.styleshepherd.store.models.ModelStore;
import com.styleshepherd.store.models.StoredModel;
import com.styleshepherd.workflows.models.ModelKind;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promoted version of each learned model, loaded from PostgreSQL into this worker. Which version is
 * promoted is looked up at most once per {@code styleshepherd.models.refresh} (30 s), so a promotion
 * reaches every gpu worker within that time; a worker that promotes a model sees it at once.
 */
@Singleton
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    /** A loaded model and its version. */
    public record Loaded<T>(int version, T model) {
        public String label(ModelKind kind) {
            return kind.id() + "-model v" + version;
        }
    }

    private final ModelStore store;
    private final long refreshNanos;
    private final Map<ModelKind, Slot> slots = new EnumMap<>(ModelKind.class);

    private static final class Slot {
        Loaded<?> loaded;
        long checkedAt;
        boolean checked;
    }

    ModelRegistry(ModelStore store, @Value("${styleshepherd.models.refresh:30s}") Duration refresh) {
        this.store = store;
        this.refreshNanos = refresh.toNanos();
        for (ModelKind kind : ModelKind.values()) {
            slots.put(kind, new Slot());
        }
    }

    public Optional<Loaded<BoostedSizeModel>> size() {
        return current(ModelKind.SIZE, BoostedSizeModel::fromBytes);
    }

    public Optional<Loaded<FitModel>> fit() {
        return current(ModelKind.FIT, FitModel::fromBytes);
    }

    public Optional<Loaded<ReturnRiskModel>> returnRisk() {
        return current(ModelKind.RETURN_RISK, ReturnRiskModel::fromBytes);
    }

    /** The promoted version of a kind, as last looked up (no database read): empty when none is loaded. */
    public Optional<Integer> promoted(ModelKind kind) {
        Slot slot = slots.get(kind);
        synchronized (slot) {
            return Optional.ofNullable(slot.loaded).map(Loaded::version);
        }
    }

    /** Forgets what was looked up, so the next use reads the promoted version again. */
    public void invalidate(ModelKind kind) {
        Slot slot = slots.get(kind);
        synchronized (slot) {
            slot.checked = false;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<Loaded<T>> current(ModelKind kind, Function<byte[], T> load) {
        Slot slot = slots.get(kind);
        synchronized (slot) {
            long now = System.nanoTime();
            if (!slot.checked || now - slot.checkedAt > refreshNanos) {
                Optional<StoredModel> promoted = store.promoted(kind.id());
                int version = promoted.map(StoredModel::version).orElse(0);
                if (version == 0) {
                    slot.loaded = null;
                } else if (slot.loaded == null || slot.loaded.version() != version) {
                    byte[] weights = store.weights(kind.id(), version).orElseThrow();
                    // The previous version's native memory is not freed here: a scoring call may still hold it,
                    // and versions change a few times a day.
                    slot.loaded = new Loaded<>(version, load.apply(weights));
                    log.info("loaded {} model v{} ({} bytes)", kind.id(), version, weights.length);
                }
                slot.checked = true;
                slot.checkedAt = now;
            }
            return Optional.ofNullable((Loaded<T>) slot.loaded);
        }
    }
}
