package com.styleshepherd.store.models;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    ModelStore(ModelVersionRepository repository, JsonColumns json) {
        this.repository = repository;
        this.json = json;
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
        if (currentVersion != null) {
            repository.retire(kind, currentVersion);
        }
        // The unique index on promoted versions turns a concurrent promotion into a failed transaction.
        return repository.promote(kind, version) == 1;
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
