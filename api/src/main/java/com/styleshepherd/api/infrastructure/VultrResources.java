package com.styleshepherd.api.infrastructure;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The parts of Vultr's v2 answers the infrastructure view reads, named as Vultr names them (the govultr client's
 * field names). Everything else in an answer is ignored: a managed database's answer carries its password,
 * certificate and hosts, which never reach this process's types and so never leave it.
 */
final class VultrResources {

    private VultrResources() {
    }

    /** A page of a listing: {@code meta.links.next} is the cursor of the next page, empty on the last. */
    interface Page<T> {
        List<T> items();

        @Nullable
        Meta meta();

        default String nextCursor() {
            Meta meta = meta();
            return meta == null || meta.links() == null || meta.links().next() == null ? "" : meta.links().next();
        }
    }

    @Serdeable
    record Meta(@Nullable Integer total, @Nullable Links links) {
    }

    @Serdeable
    record Links(@Nullable String next, @Nullable String prev) {
    }

    /** {@code GET /account}. */
    @Serdeable
    record AccountAnswer(Account account) {
    }

    @Serdeable
    record Account(
            @Nullable String name,
            @Nullable BigDecimal balance,
            @JsonProperty("pending_charges") @Nullable BigDecimal pendingCharges,
            @JsonProperty("last_payment_date") @Nullable String lastPaymentDate,
            @JsonProperty("last_payment_amount") @Nullable BigDecimal lastPaymentAmount) {
    }

    /** {@code GET /databases}: managed PostgreSQL, MySQL, Valkey and Kafka. */
    @Serdeable
    record DatabasePage(@Nullable List<Database> databases, @Nullable Meta meta) implements Page<Database> {
        @Override
        public List<Database> items() {
            return databases == null ? List.of() : databases;
        }
    }

    @Serdeable
    record Database(
            String id,
            @Nullable String label,
            @JsonProperty("database_engine") @Nullable String databaseEngine,
            @JsonProperty("database_engine_version") @Nullable String databaseEngineVersion,
            @Nullable String region,
            @Nullable String plan,
            @Nullable String status,
            @JsonProperty("plan_vcpus") @Nullable Integer planVcpus,
            @JsonProperty("plan_ram") @Nullable Integer planRam,
            @JsonProperty("plan_disk") @Nullable Integer planDisk,
            @JsonProperty("plan_replicas") @Nullable Integer planReplicas,
            @JsonProperty("date_created") @Nullable String dateCreated) {
    }

    /** {@code GET /databases/{id}/usage}. */
    @Serdeable
    record UsageAnswer(@Nullable Usage usage) {
    }

    @Serdeable
    record Usage(@Nullable DiskUsage disk, @Nullable MemoryUsage memory, @Nullable CpuUsage cpu) {
    }

    @Serdeable
    record DiskUsage(
            @JsonProperty("current_gb") @Nullable BigDecimal currentGb,
            @JsonProperty("max_gb") @Nullable BigDecimal maxGb,
            @Nullable BigDecimal percentage) {
    }

    @Serdeable
    record MemoryUsage(
            @JsonProperty("current_mb") @Nullable BigDecimal currentMb,
            @JsonProperty("max_mb") @Nullable BigDecimal maxMb,
            @Nullable BigDecimal percentage) {
    }

    @Serdeable
    record CpuUsage(@Nullable BigDecimal percentage) {
    }

    /** {@code GET /instances}: cloud compute, GPU plans ({@code vcg-...}) included. */
    @Serdeable
    record InstancePage(@Nullable List<Instance> instances, @Nullable Meta meta) implements Page<Instance> {
        @Override
        public List<Instance> items() {
            return instances == null ? List.of() : instances;
        }
    }

    @Serdeable
    record Instance(
            String id,
            @Nullable String label,
            @Nullable String hostname,
            @Nullable String plan,
            @Nullable String region,
            @Nullable String status,
            @JsonProperty("power_status") @Nullable String powerStatus,
            @JsonProperty("server_status") @Nullable String serverStatus,
            @JsonProperty("vcpu_count") @Nullable Integer vcpuCount,
            @Nullable Integer ram,
            @Nullable Integer disk,
            @JsonProperty("main_ip") @Nullable String mainIp,
            @Nullable String os,
            @JsonProperty("date_created") @Nullable String dateCreated) {
    }

    /** {@code GET /kubernetes/clusters}: VKE clusters, each with its node pools inline. */
    @Serdeable
    record ClusterPage(@JsonProperty("vke_clusters") @Nullable List<Cluster> clusters, @Nullable Meta meta)
            implements Page<Cluster> {
        @Override
        public List<Cluster> items() {
            return clusters == null ? List.of() : clusters;
        }
    }

    @Serdeable
    record Cluster(
            String id,
            @Nullable String label,
            @Nullable String region,
            @Nullable String version,
            @Nullable String status,
            @JsonProperty("ha_controlplanes") @Nullable Boolean haControlPlanes,
            @JsonProperty("date_created") @Nullable String dateCreated,
            @JsonProperty("node_pools") @Nullable List<NodePool> nodePools) {
    }

    /** {@code GET /kubernetes/clusters/{id}/node-pools}. */
    @Serdeable
    record NodePoolPage(@JsonProperty("node_pools") @Nullable List<NodePool> nodePools, @Nullable Meta meta)
            implements Page<NodePool> {
        @Override
        public List<NodePool> items() {
            return nodePools == null ? List.of() : nodePools;
        }
    }

    @Serdeable
    record NodePool(
            String id,
            @Nullable String label,
            @Nullable String plan,
            @Nullable String status,
            @JsonProperty("node_quantity") @Nullable Integer nodeQuantity,
            @JsonProperty("min_nodes") @Nullable Integer minNodes,
            @JsonProperty("max_nodes") @Nullable Integer maxNodes,
            @JsonProperty("auto_scaler") @Nullable Boolean autoScaler,
            @Nullable List<Node> nodes) {
    }

    @Serdeable
    record Node(String id, @Nullable String label, @Nullable String status) {
    }

    /** Vultr's error body: {@code {"error": "...", "status": 401}}. */
    @Serdeable
    record ErrorAnswer(@Nullable String error, @Nullable Integer status) {
    }
}
