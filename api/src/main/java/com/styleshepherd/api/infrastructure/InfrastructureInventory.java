package com.styleshepherd.api.infrastructure;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the shop runs on, for ops: {@code GET /api/ops/infrastructure}. With a Vultr key, the account, managed
 * databases (with their usage), Valkey, instances (GPU ones marked) and Kubernetes clusters with their node
 * pools, as Vultr reported them at {@code fetchedAt}. Without one, {@code configured} is false and
 * {@code localComponents} lists the servers this process uses, with their health.
 *
 * @param provider always {@code vultr}
 * @param configured whether a Vultr API key is set ({@code VULTR_API_KEY})
 * @param fetchedAt when Vultr answered (absent when not configured)
 * @param cacheAgeSeconds how old that answer is: answers are kept for {@code styleshepherd.vultr.cache-ttl} (60 s)
 * @param account the Vultr account's balance and charges
 * @param databases managed databases other than Valkey: PostgreSQL ({@code pg}), MySQL, Kafka
 * @param valkey managed Valkey databases
 * @param instances cloud compute and GPU instances
 * @param kubernetesClusters VKE clusters with their node pools and nodes
 * @param detail what to do when not configured
 * @param localComponents when not configured: PostgreSQL, Valkey and Temporal as this process reaches them
 */
@Serdeable
@Schema(name = "InfrastructureInventory")
public record InfrastructureInventory(
        @Schema(allowableValues = "vultr", requiredMode = Schema.RequiredMode.REQUIRED) String provider,
        boolean configured,
        @Nullable Instant fetchedAt,
        @Nullable Long cacheAgeSeconds,
        @Nullable @Schema(nullable = false) AccountView account,
        @Nullable List<ManagedDatabase> databases,
        @Nullable List<ManagedDatabase> valkey,
        @Nullable List<ComputeInstance> instances,
        @Nullable List<KubernetesCluster> kubernetesClusters,
        @Nullable String detail,
        @Nullable List<LocalComponent> localComponents) {

    /**
     * The account. Money as decimal strings in US dollars, as Vultr bills.
     *
     * @param balance Vultr's balance (negative while the account holds credit)
     * @param pendingCharges charges of the current month so far
     */
    @Serdeable
    @Schema(name = "InfrastructureAccount")
    public record AccountView(@Nullable String name, @Nullable String balance, @Nullable String pendingCharges,
            @Nullable String lastPaymentDate, @Nullable String lastPaymentAmount,
            @Schema(allowableValues = "USD") String currency) {
    }

    /**
     * A managed database.
     *
     * @param engine Vultr's {@code database_engine}: {@code pg}, {@code mysql}, {@code valkey} (earlier
     *     {@code redis}) or {@code kafka}
     * @param status Vultr's status ({@code Running} when serving)
     * @param usage disk, memory and CPU use; absent when Vultr has none for it
     */
    @Serdeable
    @Schema(name = "InfrastructureDatabase")
    public record ManagedDatabase(String id, @Nullable String label, @Nullable String engine,
            @Nullable String engineVersion, @Nullable String region, @Nullable String plan, @Nullable String status,
            @Nullable Integer vcpus, @Nullable Integer ramMb, @Nullable Integer diskGb, @Nullable Integer replicas,
            @Nullable @Schema(nullable = false) DatabaseUsage usage) {
    }

    /** Percentages from 0 to 100, as Vultr reports them. */
    @Serdeable
    @Schema(name = "InfrastructureDatabaseUsage")
    public record DatabaseUsage(@Nullable BigDecimal diskPercent, @Nullable BigDecimal diskCurrentGb,
            @Nullable BigDecimal diskMaxGb, @Nullable BigDecimal memoryPercent, @Nullable BigDecimal memoryCurrentMb,
            @Nullable BigDecimal memoryMaxMb, @Nullable BigDecimal cpuPercent) {
    }

    /**
     * A cloud compute or GPU instance.
     *
     * @param status {@code active} once provisioned ({@code pending}, {@code suspended}, {@code resizing})
     * @param powerStatus {@code running} or {@code stopped}
     * @param serverStatus {@code ok} when booted ({@code none}, {@code locked}, {@code installingbooting})
     * @param gpu whether its plan is a GPU plan ({@code vcg-...})
     */
    @Serdeable
    @Schema(name = "InfrastructureInstance")
    public record ComputeInstance(String id, @Nullable String label, @Nullable String hostname,
            @Nullable String plan, @Nullable String region, @Nullable String status, @Nullable String powerStatus,
            @Nullable String serverStatus, @Nullable Integer vcpus, @Nullable Integer ramMb, @Nullable Integer diskGb,
            @Nullable String mainIp, @Nullable String os, boolean gpu) {
    }

    /** A VKE cluster. {@code status} is {@code active} when serving. */
    @Serdeable
    @Schema(name = "InfrastructureKubernetesCluster")
    public record KubernetesCluster(String id, @Nullable String label, @Nullable String region,
            @Nullable String version, @Nullable String status, @Nullable Boolean haControlPlanes,
            List<NodePoolView> nodePools) {
    }

    /**
     * A node pool.
     *
     * @param nodeQuantity the nodes it should have
     * @param activeNodes those of {@code nodes} whose status is {@code active}
     * @param gpu whether its plan is a GPU plan ({@code vcg-...})
     */
    @Serdeable
    @Schema(name = "InfrastructureNodePool")
    public record NodePoolView(String id, @Nullable String label, @Nullable String plan, @Nullable String status,
            @Nullable Integer nodeQuantity, @Nullable Integer minNodes, @Nullable Integer maxNodes,
            @Nullable Boolean autoScaler, int activeNodes, boolean gpu, List<NodeView> nodes) {
    }

    @Serdeable
    @Schema(name = "InfrastructureNode")
    public record NodeView(String id, @Nullable String label, @Nullable String status) {
    }

    /**
     * A server this process uses, when no provider is configured.
     *
     * @param name {@code postgresql}, {@code valkey} or {@code temporal}
     * @param endpoint where this process reaches it (host, port and database or namespace; never credentials)
     * @param status from the process's health check
     */
    @Serdeable
    @Schema(name = "InfrastructureLocalComponent")
    public record LocalComponent(String name, String role, String endpoint,
            @Schema(allowableValues = {"UP", "DOWN", "UNKNOWN"}) String status) {
    }
}
