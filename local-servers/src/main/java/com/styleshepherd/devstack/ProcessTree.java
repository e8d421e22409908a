package com.styleshepherd.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a server process that the dev stack started, with whatever it started in turn, so that no child
 * outlives the stack: a polite stop first, then a kill once the grace period is over.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Asks the process to stop (SIGTERM), kills it when it is still running after {@code grace}, and
     * kills any of its descendants still alive then. Returns whether the process had to be killed.
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        // Taken before the stop: once the parent is gone its children are re-parented and out of reach.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        boolean killed = !awaitExit(process, grace);
        if (killed) {
            process.destroyForcibly();
            awaitExit(process, grace);
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
            }
        }
        return killed;
    }

    /**
     * The process whose id the first line of {@code pidFile} holds, when it is still running and its
     * command line contains {@code commandPart} (so that a recycled id is never taken for it).
     */
    public static Optional<ProcessHandle> fromPidFile(Path pidFile, String commandPart) {
        List<String> lines;
        try {
            lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().or(() -> handle.info().command())
                        .map(command -> command.contains(commandPart))
                        .orElse(false));
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
