package com.styleshepherd.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The public data set beside the repository ({@code ../shared/data}, see its README): found from
 * {@code STYLESHEPHERD_SHARED_DATA} or by walking up from the working directory. It is never copied
 * into the repository; tests that need it are skipped, saying so, where it is absent.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> root() {
        String configured = System.getenv("STYLESHEPHERD_SHARED_DATA");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A file or folder under the data root; the calling test is skipped when it is not there. */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent() && Files.exists(root.get().resolve(relative)),
                "skipped: ../shared/data/" + relative + " is not on this machine (set STYLESHEPHERD_SHARED_DATA)");
        return root.get().resolve(relative);
    }
}
