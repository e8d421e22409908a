package com.styleshepherd.store.models;

import com.styleshepherd.store.JsonColumns;
import com.styleshepherd.store.events.EventType;
import com.styleshepherd.store.events.Outbox;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Model versions in PostgreSQL (table {@code model_versions}): candidates stored by training runs, and the
 * one promoted version per kind that scoring loads.
 */
@Singleton
public class ModelStore {

    private final ModelVersionRepository repository;
    private final JsonColumns json;
    private final Outbox outbox;

    ModelStore(ModelVersionRepository repository, JsonColumns json, Outbox outbox) {
        this.repository = repository;
        this.json = json;
        this.outbox = outbox;
    }

    /** What a training run made, to be stored. */
    public record Candidate(String kind, String trainingRun, int trainingRows, int testRows, String dataSource,
            String metric, double score, Map<String, Double> metrics, String decision, byte[] weights) {
    }

    /**
     * Stores a candidate as the kind's next version; a second call with the same training run (a retried
     * activity) stores nothing and returns the first call's version.
     */
    @Transactional
    public StoredModel store(Candidate candidate) {
        Optional<StoredModel> already = byRun(candidate.kind(), candidate.trainingRun());
        if (already.isPresent()) {
            return already.get();
        }
        // Versions are numbered per kind; the lock makes concurrent runs of one kind take turns.
        repository.lockVersions(candidate.kind());
        repository.insertNextVersion(candidate.kind(), candidate.trainingRun(), candidate.trainingRows(),
                candidate.testRows(), candidate.dataSource(), candidate.metric(), candidate.score(),
                json.write(candidate.metrics()), candidate.decision(), candidate.weights(),
                sha256(candidate.weights()));
        return byRun(candidate.kind(), candidate.trainingRun()).orElseThrow();
    }

    /**
     * Stores and promotes a model shipped with the workers as the kind's first version, when the registry holds
     * no version of the kind; returns the stored version, or empty when the kind had versions already. Workers
     * starting together take turns on the kind's lock, and the shipped model's training run makes a repeat
     * return the same row.
     */
    @Transactional
    public Optional<StoredModel> seed(Candidate candidate) {
        repository.lockVersions(candidate.kind());
        Optional<StoredModel> already = byRun(candidate.kind(), candidate.trainingRun());
        if (already.isPresent()) {
            return already;
        }
        if (repository.countByKind(candidate.kind()) > 0) {
            return Optional.empty();
        }
        repository.insertNextVersion(candidate.kind(), candidate.trainingRun(), candidate.trainingRows(),
                candidate.testRows(), candidate.dataSource(), candidate.metric(), candidate.score(),
                json.write(candidate.metrics()), candidate.decision(), candidate.weights(),
                sha256(candidate.weights()));
        StoredModel stored = byRun(candidate.kind(), candidate.trainingRun()).orElseThrow();
        repository.promote(candidate.kind(), stored.version());
        modelPromoted(candidate.kind(), stored.version(), null, "SHIPPED");
        return byRun(candidate.kind(), candidate.trainingRun());
    }

    /** What an ops promotion or rollback did. */
    public sealed interface Change {
        /** {@code model} is the promoted version now; {@code previous} the one it replaced (null: none). */
        record Promoted(StoredModel model, Integer previous) implements Change {
        }

        /** Nothing changed, for {@code reason}. */
        record Refused(String reason) implements Change {
        }

        /** No such version. */
        record NotFound(String reason) implements Change {
        }
    }

    /**
     * Promotes {@code version} for ops. Refused when its held-out score is worse than the promoted version's
     * ({@code higherIsBetter} says which way is better) or measures another metric, unless {@code force}.
     */
    @Transactional
    public Change promoteChecked(String kind, int version, boolean higherIsBetter, boolean force) {
        repository.lockVersions(kind);
        Optional<StoredModel> target = repository.findVersion(kind, version);
        if (target.isEmpty()) {
            return new Change.NotFound("No " + kind + " model version " + version);
        }
        Optional<StoredModel> current = promoted(kind);
        if (current.isPresent() && current.get().version() == version) {
            return new Change.Promoted(target.get(), version);
        }
        if (current.isPresent() && !force) {
            StoredModel now = current.get();
            if (!now.metric().equals(target.get().metric())) {
                return new Change.Refused(String.format(java.util.Locale.ROOT,
                        "v%d is measured by %s and the promoted v%d by %s: they cannot be compared; add force=true to "
                                + "promote it anyway", version, target.get().metric(), now.version(), now.metric()));
            }
            boolean worse = higherIsBetter ? target.get().score() < now.score() : target.get().score() > now.score();
            if (worse) {
                return new Change.Refused(String.format(java.util.Locale.ROOT,
                        "v%d's held-out %s %.4f is worse than the promoted v%d's %.4f (%s is better); add force=true "
                                + "to promote it anyway", version, target.get().metric(), target.get().score(),
                        now.version(), now.score(), higherIsBetter ? "higher" : "lower"));
            }
        }
        Integer previous = current.map(StoredModel::version).orElse(null);
        if (previous == null) {
            repository.promote(kind, version);
        } else {
            repository.retire(kind, previous);
            repository.promoteReplacing(kind, version, previous);
        }
        modelPromoted(kind, version, previous, force ? "FORCED" : "OPS");
        return new Change.Promoted(repository.findVersion(kind, version).orElseThrow(), previous);
    }

    /**
     * Rolls the kind back: promotes the version the current one replaced and retires the current one. The
     * restored version keeps what it replaced, so a second rollback goes one step further back. Refused when
     * nothing is promoted or the promoted version replaced none.
     */
    @Transactional
    public Change rollback(String kind) {
        repository.lockVersions(kind);
        Optional<StoredModel> current = promoted(kind);
        if (current.isEmpty()) {
            return new Change.Refused("No " + kind + " model is promoted: there is nothing to roll back");
        }
        Optional<StoredModel> before = Optional.ofNullable(current.get().replacedVersion())
                .flatMap(replaced -> repository.findVersion(kind, replaced));
        if (before.isEmpty()) {
            return new Change.Refused("The promoted " + kind + " model v" + current.get().version()
                    + " replaced no earlier version: there is nothing to roll back to");
        }
        repository.retire(kind, current.get().version());
        repository.promote(kind, before.get().version());
        modelPromoted(kind, before.get().version(), current.get().version(), "ROLLBACK");
        return new Change.Promoted(repository.findVersion(kind, before.get().version()).orElseThrow(),
                current.get().version());
    }

    @ReadOnly
    public Optional<StoredModel> version(String kind, int version) {
        return repository.findVersion(kind, version);
    }

    @ReadOnly
    public Optional<StoredModel> byRun(String kind, String trainingRun) {
        return repository.findByRun(kind, trainingRun);
    }

    @ReadOnly
    public Optional<StoredModel> promoted(String kind) {
        return repository.findPromoted(kind);
    }

    /** The weights of one version. */
    @ReadOnly
    public Optional<byte[]> weights(String kind, int version) {
        return repository.weights(kind, version).map(ModelVersionRepository.Weights::weights);
    }

    /**
     * Promotes {@code version} if {@code replacing} (null: none) is still the promoted version of the kind:
     * retires it and promotes the new one in one transaction. Returns whether {@code version} is promoted
     * now (true again for a repeated call).
     */
    @Transactional
    public boolean promote(String kind, int version, Integer replacing) {
        Optional<StoredModel> current = promoted(kind);
        if (current.isPresent() && current.get().version() == version) {
            return true;
        }
        Integer currentVersion = current.map(StoredModel::version).orElse(null);
        if (!Objects.equals(currentVersion, replacing)) {
            return false;
        }
        boolean promoted;
        if (currentVersion == null) {
            // The unique index on promoted versions turns a concurrent promotion into a failed transaction.
            promoted = repository.promote(kind, version) == 1;
        } else {
            repository.retire(kind, currentVersion);
            promoted = repository.promoteReplacing(kind, version, currentVersion) == 1;
        }
        if (promoted) {
            modelPromoted(kind, version, currentVersion, "TRAINING");
        }
        return promoted;
    }

    /** The {@code ModelPromoted} event of a promotion in this transaction; {@code by}: SHIPPED, TRAINING, OPS, FORCED, ROLLBACK. */
    private void modelPromoted(String kind, int version, Integer replaced, String by) {
        Map<String, Object> data = new HashMap<>();
        data.put("kind", kind);
        data.put("version", version);
        data.put("replacedVersion", replaced);
        data.put("promotedBy", by);
        outbox.append(EventType.MODEL_PROMOTED, kind, data);
    }

    /** Versions of one kind, newest first, a page at a time. */
    @ReadOnly
    public List<StoredModel> list(String kind, int offset, int limit) {
        return repository.list(kind, offset, limit);
    }

    @ReadOnly
    public long count(String kind) {
        return repository.countByKind(kind);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
