package com.styleshepherd.gpu.models;

import com.styleshepherd.gpu.fit.FitMetrics;
import com.styleshepherd.gpu.fit.FitModel;
import com.styleshepherd.gpu.fit.FitRecord;
import com.styleshepherd.gpu.fit.FitRecords;
import com.styleshepherd.gpu.returnrisk.ReturnFeatures;
import com.styleshepherd.gpu.returnrisk.ReturnRiskModel;
import com.styleshepherd.gpu.sizing.BodySizes;
import com.styleshepherd.gpu.sizing.BoostedSizeModel;
import com.styleshepherd.gpu.sizing.SizeLadder;
import com.styleshepherd.gpu.sizing.SizeMetrics;
import com.styleshepherd.store.models.ModelStore;
import com.styleshepherd.store.models.StoredModel;
import com.styleshepherd.store.models.TrainingData;
import com.styleshepherd.workflows.models.CandidateReport;
import com.styleshepherd.workflows.models.ModelKind;
import com.styleshepherd.workflows.models.ModelTrainingActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains, evaluates, stores and promotes the learned models on the gpu pool. Each candidate is scored
 * on rows it never saw, and the promoted version is scored on the same rows, so "better" compares like
 * with like. Training data: the shop's own rows from PostgreSQL ({@link TrainingData}) plus the public
 * bootstrap data named in {@link TrainingSettings}.
 */
@Singleton
public class ModelTrainingActivitiesImpl implements ModelTrainingActivities {

    private static final Logger log = LoggerFactory.getLogger(ModelTrainingActivitiesImpl.class);

    private final ModelStore store;
    private final TrainingData data;
    private final ModelRegistry registry;
    private final TrainingSettings settings;

    ModelTrainingActivitiesImpl(ModelStore store, TrainingData data, ModelRegistry registry, TrainingSettings settings) {
        this.store = store;
        this.data = data;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public CandidateReport trainCandidate(ModelKind kind) {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        return trainCandidate(kind, info.getWorkflowId() + "/" + info.getRunId());
    }

    /** The activity's work, for a named training run (a retry with the same run finds the stored version). */
    public CandidateReport trainCandidate(ModelKind kind, String trainingRun) {
        Optional<StoredModel> already = store.byRun(kind.id(), trainingRun);
        if (already.isPresent()) {
            return report(kind, already.get());
        }
        Evaluated evaluated = switch (kind) {
            case SIZE -> size();
            case FIT -> fit();
            case RETURN_RISK -> returnRisk();
        };
        if (evaluated.weights() == null) {
            log.warn("model {}: {}. {}", kind.id(), evaluated.decision(), whatToDo(kind));
            return new CandidateReport(kind, null, evaluated.trainingRows(), evaluated.testRows(), null, null, null, false,
                    evaluated.decision());
        }
        Map<String, Double> metrics = new LinkedHashMap<>(evaluated.metrics());
        boolean better;
        String decision;
        if (!Double.isFinite(evaluated.score())) {
            better = false;
            decision = kind.metric() + " could not be measured on " + evaluated.testRows() + " held-out rows";
        } else if (evaluated.currentVersion() == null && evaluated.baseline() == null) {
            better = true;
            decision = String.format(Locale.ROOT, "%s %.4f; no version promoted yet", kind.metric(), evaluated.score());
        } else if (evaluated.currentVersion() == null) {
            // What serves until a version is promoted: the first one must beat it, not merely exist.
            metrics.put("baselineScore", evaluated.baseline().score());
            better = kind.better(evaluated.score(), evaluated.baseline().score());
            decision = String.format(Locale.ROOT, "%s %.4f %s %.4f of the %s on the same held-out rows; no version "
                    + "promoted yet", kind.metric(), evaluated.score(), better ? "beats" : "does not beat",
                    evaluated.baseline().score(), evaluated.baseline().name());
        } else {
            metrics.put("currentVersion", (double) evaluated.currentVersion());
            metrics.put("currentScore", evaluated.currentScore());
            better = kind.better(evaluated.score(), evaluated.currentScore());
            decision = String.format(Locale.ROOT, "%s %.4f %s %.4f of v%d on the same held-out rows", kind.metric(),
                    evaluated.score(), better ? "beats" : "does not beat", evaluated.currentScore(), evaluated.currentVersion());
        }
        metrics.put("better", better ? 1.0 : 0.0);
        StoredModel stored = store.store(new ModelStore.Candidate(kind.id(), trainingRun, evaluated.trainingRows(),
                evaluated.testRows(), evaluated.dataSource(), kind.metric(), evaluated.score(), metrics, decision,
                evaluated.weights()));
        log.info("model {} v{} stored: {}", kind.id(), stored.version(), decision);
        return report(kind, stored);
    }

    @Override
    public boolean promote(ModelKind kind, int version, Integer replacing) {
        boolean promoted = store.promote(kind.id(), version, replacing);
        registry.invalidate(kind);
        log.info("model {} v{} {}", kind.id(), version, promoted ? "promoted" : "not promoted (the promoted version changed)");
        return promoted;
    }

    /** What makes a kind trainable, for the "too little data" warning. */
    private String whatToDo(ModelKind kind) {
        String serving = registry.promoted(kind).map(v -> "; meanwhile v" + v + " stays promoted")
                .orElse("; meanwhile " + (kind == ModelKind.RETURN_RISK ? "checkout uses the rule-based return-risk model"
                        : kind == ModelKind.SIZE ? "sizes come from the size chart" : "size advice goes without fit history"));
        return switch (kind) {
            case SIZE -> "Point styleshepherd.models.training.size-data at the public size CSV "
                    + "(../shared/data/size/clothes_size_prediction.csv, see docs/evaluation.md) or wait for shop orders "
                    + "with a letter size from shoppers with height and weight" + serving;
            case FIT, RETURN_RISK -> "Point styleshepherd.models.training.fit-data at the public fit files "
                    + "(ModCloth, RentTheRunway; see ../shared/data/README.md) or wait for delivered and returned orders"
                    + serving;
        };
    }

    private static CandidateReport report(ModelKind kind, StoredModel stored) {
        Double currentVersion = stored.metrics().get("currentVersion");
        return new CandidateReport(kind, stored.version(), stored.trainingRows(), stored.testRows(), stored.score(),
                currentVersion == null ? null : currentVersion.intValue(), stored.metrics().get("currentScore"),
                stored.metrics().getOrDefault("better", 0.0) == 1.0, stored.decision());
    }

    /** A trained and evaluated candidate; null weights when there was too little data. */
    /**
     * A candidate measured on held-out rows, with the promoted version on the same rows.
     *
     * @param baseline what serves while no version is promoted, scored on the same rows; null when the first
     *     version is promoted on its own score
     */
    private record Evaluated(int trainingRows, int testRows, String dataSource, double score, Map<String, Double> metrics,
            byte[] weights, Integer currentVersion, Double currentScore, Baseline baseline, String decision) {

        static Evaluated tooFew(int trainingRows, int testRows, String dataSource) {
            return new Evaluated(trainingRows, testRows, dataSource, Double.NaN, Map.of(), null, null, null, null,
                    "too little data to train: " + testRows + " held-out rows (" + dataSource + ")");
        }
    }

    /** A baseline's name and its score on the candidate's held-out rows. */
    private record Baseline(String name, double score) {
    }

    /** The return-risk baseline: the mean of the line's category and shopper return rates. */
    static final String RATES_BASELINE = "category and shopper return rates";

    private Evaluated size() {
        List<BodySizes> parts = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (readable(settings.getSizeData())) {
            BodySizes bootstrap = read(() -> BodySizes.read(settings.getSizeData()));
            if (settings.getSizeSample() > 0 && bootstrap.count() > settings.getSizeSample()) {
                bootstrap = bootstrap.split((double) settings.getSizeSample() / bootstrap.count(), settings.getSeed()).train();
            }
            parts.add(bootstrap);
            sources.add("public size data " + bootstrap.count());
        }
        List<TrainingData.SizeRow> shop = data.sizeRows();
        List<double[]> kept = new ArrayList<>();
        for (TrainingData.SizeRow row : shop) {
            int index = ladderIndex(row.size());
            if (index >= 0) {
                kept.add(new double[] {row.weightKg(), Double.NaN, row.heightCm(), index});
            }
        }
        sources.add("shop orders " + kept.size());
        parts.add(BodySizes.of(kept));
        BodySizes all = BodySizes.concat(parts);
        BodySizes.Split split = all.split(0.8, settings.getSeed());
        String source = String.join(" + ", sources);
        if (split.test().count() < settings.getMinimumTestRows()) {
            return Evaluated.tooFew(split.train().count(), split.test().count(), source);
        }
        try (BoostedSizeModel model = BoostedSizeModel.train(split.train(), settings.getSeed() + 2)) {
            SizeMetrics m = model.evaluate(split.test());
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("accuracy", m.accuracy());
            metrics.put("withinOne", m.withinOne());
            metrics.put("meanAbsoluteError", m.meanAbsoluteError());
            metrics.put("logLoss", m.logLoss());
            metrics.put("ece", m.expectedCalibrationError());
            metrics.put("rounds", (double) model.rounds());
            metrics.put("temperature", model.temperature());
            Integer currentVersion = null;
            Double currentScore = null;
            Optional<ModelRegistry.Loaded<BoostedSizeModel>> current = registry.size();
            if (current.isPresent()) {
                currentVersion = current.get().version();
                currentScore = current.get().model().evaluate(split.test()).logLoss();
            }
            return new Evaluated(split.train().count(), split.test().count(), source, m.logLoss(), metrics,
                    model.toBytes(), currentVersion, currentScore, null, null);
        }
    }

    private Evaluated fit() {
        FitData fitData = fitRecords();
        List<FitRecord> records = fitData.records();
        String source = "public fit data " + (records.size() - fitData.shop()) + " + shop orders " + fitData.shop();
        FitRecords.Split split = FitRecords.split(records, 0.8, 0.1, settings.getSeed());
        if (split.test().size() < settings.getMinimumTestRows() || split.validation().isEmpty()) {
            return Evaluated.tooFew(split.train().size(), split.test().size(), source);
        }
        try (FitModel model = FitModel.latentFactors(split.train(), split.validation(), 10, settings.getSeed())) {
            double[] auc = FitMetrics.aucs(split.test(), model.predict(split.test()));
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("aucSmall", auc[0]);
            metrics.put("aucFit", auc[1]);
            metrics.put("aucLarge", auc[2]);
            metrics.put("averageAuc", auc[3]);
            metrics.put("epochs", (double) model.epochs());
            metrics.values().removeIf(value -> value.isNaN());
            Integer currentVersion = null;
            Double currentScore = null;
            Optional<ModelRegistry.Loaded<FitModel>> current = registry.fit();
            if (current.isPresent()) {
                currentVersion = current.get().version();
                currentScore = FitMetrics.aucs(split.test(), current.get().model().predict(split.test()))[3];
            }
            return new Evaluated(split.train().size(), split.test().size(), source, auc[3], metrics, model.toBytes(),
                    currentVersion, currentScore, null, null);
        }
    }

    private record FitData(List<FitRecord> records, int shop) {
    }

    private FitData fitRecords() {
        List<FitRecord> records = new ArrayList<>(publicFitRecords());
        List<TrainingData.FitRow> shop = data.fitRows();
        for (TrainingData.FitRow row : shop) {
            records.add(new FitRecord(row.userId(), Long.toString(row.productId()), row.size(), row.category(),
                    FitRecord.Fit.parse(row.fit())));
        }
        return new FitData(records, shop.size());
    }

    /** The public fit files configured; those not readable here are skipped. */
    private List<FitRecord> publicFitRecords() {
        List<FitRecord> records = new ArrayList<>();
        for (Path file : settings.getFitData()) {
            if (readable(file)) {
                records.addAll(read(() -> FitRecords.read(file)));
            }
        }
        return records;
    }

    private Evaluated returnRisk() {
        List<ReturnRiskModel.Row> rows = new ArrayList<>(ProxyReturns.rows(publicFitRecords(), settings.getSeed()));
        int proxy = rows.size();
        for (TrainingData.ReturnRow row : data.returnRows(ReturnFeatures.ALWAYS)) {
            rows.add(new ReturnRiskModel.Row(row.features(), row.returned()));
        }
        String source = "public fit data, not fit as returned, " + proxy + " + shop lines " + (rows.size() - proxy);
        List<ReturnRiskModel.Row> shuffled = shuffled(rows, settings.getSeed());
        int cut = (int) Math.round(shuffled.size() * 0.8);
        List<ReturnRiskModel.Row> train = shuffled.subList(0, cut);
        List<ReturnRiskModel.Row> test = shuffled.subList(cut, shuffled.size());
        if (test.size() < settings.getMinimumTestRows() || train.isEmpty()) {
            return Evaluated.tooFew(train.size(), test.size(), source);
        }
        try (ReturnRiskModel model = ReturnRiskModel.train(train, settings.getSeed())) {
            List<Map<String, Double>> features = test.stream().map(ReturnRiskModel.Row::features).toList();
            Map<String, Double> metrics = new LinkedHashMap<>(ReturnRiskModel.metrics(model.probabilities(features), test));
            metrics.values().removeIf(value -> value.isNaN());
            Integer currentVersion = null;
            Double currentScore = null;
            Optional<ModelRegistry.Loaded<ReturnRiskModel>> current = registry.returnRisk();
            if (current.isPresent()) {
                currentVersion = current.get().version();
                currentScore = ReturnRiskModel.metrics(current.get().model().probabilities(features), test).get("logLoss");
            }
            // Until one is promoted, checkout reads the category's and the shopper's return rates (with the rules'
            // size signals): the first model must beat the rates on the same rows (docs/evaluation.md#return-risk).
            double[] rates = features.stream().mapToDouble(ReturnFeatures::ratesBaseline).toArray();
            Baseline baseline = new Baseline(RATES_BASELINE, ReturnRiskModel.metrics(rates, test).get("logLoss"));
            return new Evaluated(train.size(), test.size(), source, metrics.get("logLoss"), metrics, model.toBytes(),
                    currentVersion, currentScore, baseline, null);
        }
    }

    private static <T> List<T> shuffled(List<T> rows, long seed) {
        List<T> out = new ArrayList<>(rows);
        java.util.Collections.shuffle(out, new java.util.Random(seed));
        return out;
    }

    /** A shop size on the public data's ladder: XS is its "XXS"; sizes off the ladder (numbers) are not used. */
    static int ladderIndex(String size) {
        String upper = size.toUpperCase(Locale.ROOT);
        if (upper.equals("XS")) {
            return 0;
        }
        return SizeLadder.SIZES.indexOf(upper);
    }

    private static boolean readable(Path file) {
        return file != null && Files.isReadable(file);
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private static <T> T read(Reading<T> reading) {
        try {
            return reading.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
