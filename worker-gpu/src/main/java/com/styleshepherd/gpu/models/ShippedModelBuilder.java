package com.styleshepherd.gpu.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.styleshepherd.gpu.sizing.BodySizes;
import com.styleshepherd.gpu.sizing.BoostedSizeModel;
import com.styleshepherd.gpu.sizing.SizeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Rebuilds the shipped size model ({@code worker-gpu/src/main/resources/models/size-v1.bin.gz}) and its card
 * from the public data, exactly as {@code SizeEvaluation} measures it: the same seeded 80/20 split, trained on
 * the 80, scored on the 20. XGBoost runs on one thread with a fixed seed, so the same data gives the same
 * metrics (see {@code ShippedModelsTest}).
 *
 * <pre>./mvnw -q -Pshipped-models -pl worker-gpu -am -DskipTests verify</pre>
 *
 * Arguments: the size CSV (default {@code ../shared/data/size/clothes_size_prediction.csv}) and the folder
 * to write to (default {@code worker-gpu/src/main/resources/models}).
 */
public final class ShippedModelBuilder {

    public static final String SIZE = "size-v1";
    /** The evaluation's split seed (docs/evaluation.md); the trees' seed is this plus two, as in the evaluation. */
    public static final long SPLIT_SEED = 20_261_122L;
    public static final long TRAINING_SEED = SPLIT_SEED + 2;
    public static final double TRAIN_SHARE = 0.8;
    public static final String COMMAND = "./mvnw -q -Pshipped-models -pl worker-gpu -am -DskipTests verify";

    private ShippedModelBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/size/clothes_size_prediction.csv");
        Path out = Path.of(args.length > 1 ? args[1] : "worker-gpu/src/main/resources/models");
        Built built = buildSize(csv);
        Files.createDirectories(out);
        Files.write(out.resolve(SIZE + ".bin.gz"), built.artifact());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve(SIZE + ".card.json").toFile(), built.card());
        Files.writeString(out.resolve(SIZE + ".card.md"), markdown(built.card()));
        System.out.printf(Locale.ROOT, "%s: %d bytes, sha256 %s%n%s%n", SIZE, built.artifact().length,
                built.card().get("sha256"), built.card().get("metrics"));
    }

    /** A trained model's weights, its shipped artifact (the weights, gzipped) and its card. */
    public record Built(byte[] weights, byte[] artifact, Map<String, Object> card) {
    }

    /** Trains the size model on the seeded 80% of {@code csv} and measures it on the other 20%. */
    public static Built buildSize(Path csv) throws IOException {
        BodySizes all = BodySizes.read(csv);
        BodySizes.Split split = all.split(TRAIN_SHARE, SPLIT_SEED);
        try (BoostedSizeModel model = BoostedSizeModel.train(split.train(), TRAINING_SEED)) {
            SizeMetrics m = model.evaluate(split.test());
            byte[] weights = model.toBytes();
            byte[] artifact = ShippedModel.gzip(weights);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("accuracy", round(m.accuracy()));
            metrics.put("withinOne", round(m.withinOne()));
            metrics.put("meanAbsoluteError", round(m.meanAbsoluteError()));
            metrics.put("logLoss", round(m.logLoss()));
            metrics.put("ece", round(m.expectedCalibrationError()));
            metrics.put("rounds", model.rounds());
            metrics.put("temperature", round(model.temperature()));

            Map<String, Object> card = new LinkedHashMap<>();
            card.put("name", SIZE);
            card.put("kind", "size");
            card.put("file", SIZE + ".bin.gz");
            card.put("bytes", artifact.length);
            card.put("sha256", ShippedModel.sha256(artifact));
            card.put("weightsBytes", weights.length);
            card.put("weightsSha256", ShippedModel.sha256(weights));
            card.put("model", model.name() + ": multi:softprob over weight kg, age, height cm and body-mass index, "
                    + "a fifth of the training ages hidden, probabilities temperature-scaled");
            card.put("format", "gzip of: 8-byte temperature, 4-byte rounds, then XGBoost's UBJSON model "
                    + "(BoostedSizeModel.fromBytes); weightsSha256 is the unzipped weights' sha256, as model_versions records it");
            card.put("library", "XGBoost4J " + xgboostVersion() + ", nthread 1");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", "Clothes Size Prediction");
            data.put("file", "size/clothes_size_prediction.csv (../shared/data)");
            data.put("sha256", ShippedModel.sha256(Files.readAllBytes(csv)));
            data.put("source", "GitHub Hithaish2003/Size-Prediction, final_test.csv, commit "
                    + "10c729bc16750116f7969231ad71754ce4426646");
            data.put("licence", "none stated in the source repository; only the trained model, a derived artifact, "
                    + "is committed, never the data");
            data.put("rows", all.count());
            card.put("data", data);
            Map<String, Object> splitCard = new LinkedHashMap<>();
            splitCard.put("method", "seeded shuffle (java.util.Random), the first 80% trains, the rest is held out");
            splitCard.put("seed", SPLIT_SEED);
            splitCard.put("trainingSeed", TRAINING_SEED);
            splitCard.put("trainingRows", split.train().count());
            splitCard.put("testRows", split.test().count());
            card.put("split", splitCard);
            card.put("metric", "log loss");
            card.put("score", round(m.logLoss()));
            card.put("metrics", metrics);
            card.put("command", COMMAND);
            return new Built(weights, artifact, card);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    static String xgboostVersion() {
        try (InputStream in = ShippedModelBuilder.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/ml.dmlc/xgboost4j_2.12/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> card) {
        Map<String, Object> data = (Map<String, Object>) card.get("data");
        Map<String, Object> split = (Map<String, Object>) card.get("split");
        Map<String, Object> metrics = (Map<String, Object>) card.get("metrics");
        StringBuilder out = new StringBuilder();
        out.append("# Model card: ").append(card.get("name")).append(" (").append(card.get("kind")).append(" model)\n\n");
        out.append("Generated by `").append(card.get("command")).append("` with `").append(card.get("name"))
                .append(".card.json`, which the worker and the tests read. Loaded into the model registry as version 1 ")
                .append("when it holds no size model (docs/operations.md).\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| artifact | `").append(card.get("file")).append("`, ").append(card.get("bytes")).append(" bytes |\n");
        out.append("| sha256 | `").append(card.get("sha256")).append("` |\n");
        out.append("| weights | ").append(card.get("weightsBytes")).append(" bytes unzipped, sha256 `")
                .append(card.get("weightsSha256")).append("` (as the registry records them) |\n");
        out.append("| model | ").append(card.get("model")).append(" |\n");
        out.append("| library | ").append(card.get("library")).append(" |\n");
        out.append("| data | ").append(data.get("name")).append(", `").append(data.get("file")).append("`, ")
                .append(data.get("rows")).append(" rows, sha256 `").append(data.get("sha256")).append("` |\n");
        out.append("| source | ").append(data.get("source")).append(" |\n");
        out.append("| licence | ").append(data.get("licence")).append(" |\n");
        out.append("| split | ").append(split.get("method")).append("; seed ").append(split.get("seed")).append(": ")
                .append(split.get("trainingRows")).append(" train, ").append(split.get("testRows")).append(" held out |\n");
        out.append("| training seed | ").append(split.get("trainingSeed")).append(" |\n\n");
        out.append("Metrics on the held-out rows:\n\n| metric | value |\n|---|---:|\n");
        metrics.forEach((name, value) -> out.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        out.append("\nNot measured: people outside the data's range (weights 22–136 kg, heights 137–193 cm), "
                + "and any shop's own sizes; the ladder is XXS, S, M, L, XL, XXL, XXXL as in the data.\n");
        return out.toString();
    }
}
