package com.styleshepherd.gpu.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A model that ships inside the worker jar ({@code models/<name>.bin.gz}, its weights gzipped) with its card
 * ({@code models/<name>.card.json}, and the same facts for people in {@code <name>.card.md}): where its data
 * came from, the split and seed, its held-out metrics, the command that rebuilds it and its sha256.
 * {@link ShippedModels} loads it into the registry as version 1 when the registry holds none of its kind.
 *
 * @param name the artifact's name, {@code size-v1}
 * @param kind the model kind's id, {@code size}
 * @param card the card as read
 * @param weights the model's weights, unzipped: what {@code model_versions} stores
 */
public record ShippedModel(String name, String kind, JsonNode card, byte[] weights) {

    /** The folder on the class path and in {@code src/main/resources}. */
    public static final String FOLDER = "models/";

    /** The training run a shipped model is stored under: one row per kind and artifact, however often seeded. */
    public String trainingRun() {
        return "shipped:" + name;
    }

    public String sha256() {
        return card.path("sha256").asText();
    }

    public String metric() {
        return card.path("metric").asText();
    }

    public double score() {
        return card.path("score").asDouble();
    }

    public int trainingRows() {
        return card.path("split").path("trainingRows").asInt();
    }

    public int testRows() {
        return card.path("split").path("testRows").asInt();
    }

    public String dataSource() {
        return "shipped " + name + ": " + card.path("data").path("name").asText() + " ("
                + card.path("data").path("file").asText() + "), split seed " + card.path("split").path("seed").asLong();
    }

    /** The held-out metrics on the card, by name. */
    public Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        card.path("metrics").properties().forEach(entry -> out.put(entry.getKey(), entry.getValue().asDouble()));
        return out;
    }

    /**
     * The shipped artifact {@code name} from the class path; empty when this build has none. A card whose
     * sha256 does not match its artifact is an error: the artifact was changed without rebuilding its card.
     */
    public static Optional<ShippedModel> load(String name) {
        ClassLoader loader = ShippedModel.class.getClassLoader();
        try (InputStream cardIn = loader.getResourceAsStream(FOLDER + name + ".card.json");
                InputStream artifactIn = loader.getResourceAsStream(FOLDER + name + ".bin.gz")) {
            if (cardIn == null || artifactIn == null) {
                return Optional.empty();
            }
            JsonNode card = new ObjectMapper().readTree(cardIn);
            byte[] artifact = artifactIn.readAllBytes();
            String actual = sha256(artifact);
            if (!actual.equals(card.path("sha256").asText())) {
                throw new IllegalStateException("shipped model " + name + " has sha256 " + actual + " but its card says "
                        + card.path("sha256").asText() + ": rebuild it with " + card.path("command").asText());
            }
            byte[] weights;
            try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(artifact))) {
                weights = unzipped.readAllBytes();
            }
            return Optional.of(new ShippedModel(name, card.path("kind").asText(), card, weights));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read shipped model " + name, e);
        }
    }

    /** Gzip at the best compression; the JDK writes no time or name in the header, so the bytes are repeatable. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
