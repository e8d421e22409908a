package com.styleshepherd.api.infrastructure;

import com.styleshepherd.api.infrastructure.InfrastructureInventory.ComputeInstance;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.KubernetesCluster;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.LocalComponent;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.ManagedDatabase;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.NodePoolView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The infrastructure at a glance: {@code GET /api/ops/infrastructure/summary}. How many of each, and
 * {@code issues}: what is not serving (a database not {@code Running}; an instance not {@code active},
 * {@code running} and {@code ok}; a cluster or node pool not {@code active}), a managed database at or over the
 * usage threshold (disk, memory or CPU), a node pool with fewer active nodes than it should have. Without a
 * Vultr key, the issues are the local components that are not UP.
 *
 * @param healthy whether there is no issue
 * @param counts how many of each (absent when not configured)
 * @param account balance and charges (absent when not configured)
 * @param usageThresholdPercent the usage at which a database is flagged ({@code styleshepherd.vultr.usage-threshold-percent})
 */
@Serdeable
@Schema(name = "InfrastructureSummary")
public record InfrastructureSummary(
        @Schema(allowableValues = "vultr", requiredMode = Schema.RequiredMode.REQUIRED) String provider,
        boolean configured,
        @Nullable Instant fetchedAt,
        @Nullable Long cacheAgeSeconds,
        boolean healthy,
        @Nullable @Schema(nullable = false) Counts counts,
        List<Issue> issues,
        @Nullable @Schema(nullable = false) InfrastructureInventory.AccountView account,
        @Nullable Integer usageThresholdPercent,
        @Nullable String detail,
        @Nullable List<LocalComponent> localComponents) {

    /** How many of each; {@code gpuInstances} and {@code gpuNodePools} are those on GPU plans. */
    @Serdeable
    @Schema(name = "InfrastructureCounts")
    public record Counts(int databases, int valkey, int instances, int gpuInstances, int kubernetesClusters,
            int nodePools, int gpuNodePools, int nodes, int activeNodes) {
    }

    /**
     * One thing ops should look at.
     *
     * @param kind {@code database}, {@code valkey}, {@code instance}, {@code kubernetes-cluster},
     *     {@code node-pool} or {@code local-component}
     * @param id Vultr's id (the component's name for a local one)
     * @param problem what is wrong, in words
     */
    @Serdeable
    @Schema(name = "InfrastructureIssue")
    public record Issue(
            @Schema(allowableValues = {"database", "valkey", "instance", "kubernetes-cluster", "node-pool",
                "local-component"}) String kind,
            String id, @Nullable String label, String problem) {
    }

    static InfrastructureSummary of(InfrastructureInventory inventory, int usageThresholdPercent) {
        List<Issue> issues = new ArrayList<>();
        inventory.databases().forEach(database -> databaseIssues("database", database, usageThresholdPercent, issues));
        inventory.valkey().forEach(database -> databaseIssues("valkey", database, usageThresholdPercent, issues));
        inventory.instances().forEach(instance -> instanceIssues(instance, issues));
        int nodePools = 0;
        int gpuNodePools = 0;
        int nodes = 0;
        int activeNodes = 0;
        for (KubernetesCluster cluster : inventory.kubernetesClusters()) {
            if (!"active".equalsIgnoreCase(cluster.status())) {
                issues.add(new Issue("kubernetes-cluster", cluster.id(), cluster.label(), "status " + cluster.status()));
            }
            for (NodePoolView pool : cluster.nodePools()) {
                nodePools++;
                gpuNodePools += pool.gpu() ? 1 : 0;
                nodes += pool.nodes().size();
                activeNodes += pool.activeNodes();
                nodePoolIssues(cluster, pool, issues);
            }
        }
        int gpuInstances = (int) inventory.instances().stream().filter(ComputeInstance::gpu).count();
        Counts counts = new Counts(inventory.databases().size(), inventory.valkey().size(),
                inventory.instances().size(), gpuInstances, inventory.kubernetesClusters().size(), nodePools,
                gpuNodePools, nodes, activeNodes);
        return new InfrastructureSummary(inventory.provider(), true, inventory.fetchedAt(), inventory.cacheAgeSeconds(),
                issues.isEmpty(), counts, List.copyOf(issues), inventory.account(), usageThresholdPercent, null, null);
    }

    /** Without a provider: the local components, and an issue for each one that is not UP. */
    static InfrastructureSummary local(InfrastructureInventory inventory) {
        List<Issue> issues = inventory.localComponents().stream()
                .filter(component -> !"UP".equals(component.status()))
                .map(component -> new Issue("local-component", component.name(), component.role(),
                        "health " + component.status()))
                .toList();
        return new InfrastructureSummary(inventory.provider(), false, null, null, issues.isEmpty(), null, issues, null,
                null, inventory.detail(), inventory.localComponents());
    }

    private static void databaseIssues(String kind, ManagedDatabase database, int threshold, List<Issue> issues) {
        if (!"running".equalsIgnoreCase(database.status())) {
            issues.add(new Issue(kind, database.id(), database.label(), "status " + database.status()));
        }
        if (database.usage() != null) {
            overThreshold(kind, database, "disk", database.usage().diskPercent(), threshold, issues);
            overThreshold(kind, database, "memory", database.usage().memoryPercent(), threshold, issues);
            overThreshold(kind, database, "CPU", database.usage().cpuPercent(), threshold, issues);
        }
    }

    private static void overThreshold(String kind, ManagedDatabase database, String resource, BigDecimal percent,
            int threshold, List<Issue> issues) {
        if (percent != null && percent.compareTo(BigDecimal.valueOf(threshold)) >= 0) {
            issues.add(new Issue(kind, database.id(), database.label(), resource + " at "
                    + percent.stripTrailingZeros().toPlainString() + "% (threshold " + threshold + "%)"));
        }
    }

    private static void instanceIssues(ComputeInstance instance, List<Issue> issues) {
        if (!"active".equalsIgnoreCase(instance.status())) {
            issues.add(new Issue("instance", instance.id(), instance.label(), "status " + instance.status()));
        }
        if (!"running".equalsIgnoreCase(instance.powerStatus())) {
            issues.add(new Issue("instance", instance.id(), instance.label(), "power " + instance.powerStatus()));
        }
        if (!"ok".equalsIgnoreCase(instance.serverStatus())) {
            issues.add(new Issue("instance", instance.id(), instance.label(), "server " + instance.serverStatus()));
        }
    }

    private static void nodePoolIssues(KubernetesCluster cluster, NodePoolView pool, List<Issue> issues) {
        String label = (cluster.label() == null ? cluster.id() : cluster.label()) + " / "
                + (pool.label() == null ? pool.id() : pool.label());
        if (!"active".equalsIgnoreCase(pool.status())) {
            issues.add(new Issue("node-pool", pool.id(), label, "status " + pool.status()));
        }
        int wanted = Math.max(pool.nodeQuantity() == null ? 0 : pool.nodeQuantity(),
                pool.minNodes() == null ? 0 : pool.minNodes());
        if (pool.activeNodes() < wanted) {
            issues.add(new Issue("node-pool", pool.id(), label,
                    pool.activeNodes() + " of " + wanted + " nodes active"));
        }
    }
}
