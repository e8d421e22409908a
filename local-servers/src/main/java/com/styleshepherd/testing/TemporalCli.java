package com.styleshepherd.testing;

import com.styleshepherd.devstack.TemporalCliServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The Temporal CLI binary for the tests on the real Temporal server: {@code STYLESHEPHERD_TEMPORAL_CLI}
 * (which {@code .ci/run} exports), else where {@code scripts/install-temporal-cli.sh} installs it.
 */
public final class TemporalCli {

    private TemporalCli() {
    }

    public static Optional<Path> find() {
        return find(System.getenv());
    }

    static Optional<Path> find(Map<String, String> env) {
        String configured = env.get(TemporalCliServer.CLI_VARIABLE);
        Path binary;
        if (configured != null && !configured.isBlank()) {
            binary = Path.of(configured);
        } else {
            Path cache = firstSet(env, "STYLESHEPHERD_CACHE").map(Path::of)
                    .or(() -> firstSet(env, "XDG_CACHE_HOME").map(home -> Path.of(home, "style-shepherd")))
                    .orElse(Path.of(System.getProperty("user.home"), ".cache", "style-shepherd"));
            binary = cache.resolve("bin").resolve("temporal");
        }
        return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    /** The binary; the calling test is skipped, saying how to get it, when there is none. */
    public static Path require() {
        Optional<Path> binary = find();
        Assumptions.assumeTrue(binary.isPresent(), "No Temporal CLI (set " + TemporalCliServer.CLI_VARIABLE
                + " or run scripts/install-temporal-cli.sh, which needs Go >= 1.25): the real-server test is skipped");
        return binary.orElseThrow();
    }

    private static Optional<String> firstSet(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }
}
