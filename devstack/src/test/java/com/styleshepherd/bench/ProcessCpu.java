package com.styleshepherd.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time (user + system, as the OS counts it) of the processes a benchmark drives, by role: this JVM
 * (the api, both workers and the benchmark's own clients), the Temporal server, PostgreSQL and Redis.
 * Take a {@link #sample()} before and after a workload and subtract: processes that started in between
 * (a new PostgreSQL backend) count from zero; one that ended in between is lost, so pooled connections
 * keep the figure whole.
 */
final class ProcessCpu {

    static final String PROJECT = "api + workers + bench clients (one JVM)";
    static final String TEMPORAL = "Temporal server";
    static final String POSTGRES = "PostgreSQL";
    static final String REDIS = "Redis";
    static final List<String> ROLES = List.of(PROJECT, TEMPORAL, POSTGRES, REDIS);

    /** CPU so far, per process id, with each process's role. */
    record Sample(Map<Long, String> roles, Map<Long, Duration> cpu) {

        /** CPU per role between {@code before} and this sample. */
        Map<String, Duration> since(Sample before) {
            Map<String, Duration> used = new LinkedHashMap<>();
            ROLES.forEach(role -> used.put(role, Duration.ZERO));
            cpu.forEach((pid, now) -> used.merge(roles.get(pid),
                    now.minus(before.cpu.getOrDefault(pid, Duration.ZERO)), Duration::plus));
            return used;
        }
    }

    private ProcessCpu() {
    }

    /**
     * CPU-milliseconds per completed unit (a workflow, a turn), by role in {@link #ROLES} order, and
     * {@code total} over all of them; NaN when nothing completed.
     */
    record PerUnit(Map<String, Double> byRole, double total) {

        static PerUnit of(Map<String, Duration> used, long completed) {
            Map<String, Double> byRole = new LinkedHashMap<>();
            double total = 0;
            for (String role : ROLES) {
                double millis = completed == 0 ? Double.NaN
                        : used.getOrDefault(role, Duration.ZERO).toNanos() / 1e6 / completed;
                byRole.put(role, millis);
                total += millis;
            }
            return new PerUnit(byRole, total);
        }
    }

    static Sample sample() {
        ProcessHandle self = ProcessHandle.current();
        Instant since = self.info().startInstant().orElse(Instant.EPOCH);
        Map<Long, String> roles = new LinkedHashMap<>();
        Map<Long, Duration> cpu = new LinkedHashMap<>();
        add(self, PROJECT, roles, cpu);
        self.descendants().forEach(child -> role(child).ifPresent(role -> add(child, role, roles, cpu)));
        // pg_ctl starts the postmaster detached (it is nobody's child here): every postgres started after this
        // JVM, with its backends. The benchmark is meant to run on an otherwise quiet machine.
        ProcessHandle.allProcesses()
                .filter(process -> command(process).endsWith("/postgres")
                        && process.info().startInstant().map(start -> !start.isBefore(since)).orElse(false)
                        && process.parent().map(parent -> !command(parent).endsWith("/postgres")).orElse(true))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .forEach(process -> add(process, POSTGRES, roles, cpu));
        return new Sample(roles, cpu);
    }

    private static Optional<String> role(ProcessHandle process) {
        String command = command(process);
        if (command.endsWith("/temporal")) {
            return Optional.of(TEMPORAL);
        }
        if (command.contains("redis-server")) {
            return Optional.of(REDIS);
        }
        return Optional.empty();
    }

    private static void add(ProcessHandle process, String role, Map<Long, String> roles, Map<Long, Duration> cpu) {
        process.info().totalCpuDuration().ifPresent(used -> {
            roles.put(process.pid(), role);
            cpu.put(process.pid(), used);
        });
    }

    private static String command(ProcessHandle process) {
        return process.info().command().orElse("");
    }
}
