package com.styleshepherd.api.infrastructure;

import com.styleshepherd.api.infrastructure.InfrastructureInventory.AccountView;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.ComputeInstance;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.DatabaseUsage;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.KubernetesCluster;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.ManagedDatabase;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.NodePoolView;
import com.styleshepherd.api.infrastructure.InfrastructureInventory.NodeView;
import com.styleshepherd.api.infrastructure.VultrResources.Account;
import com.styleshepherd.api.infrastructure.VultrResources.Cluster;
import com.styleshepherd.api.infrastructure.VultrResources.Database;
import com.styleshepherd.api.infrastructure.VultrResources.Instance;
import com.styleshepherd.api.infrastructure.VultrResources.NodePool;
import com.styleshepherd.api.infrastructure.VultrResources.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One read of everything Vultr runs for the shop: the four listings are fetched side by side, then each
 * database's usage and, for a cluster whose listing leaves its node pools out, its node pools. The first call
 * that fails ends the read with that failure (the others are cancelled): a partial inventory would look like
 * missing servers.
 */
final class VultrInventory {

    private static final Logger LOG = LoggerFactory.getLogger(VultrInventory.class);

    /** Vultr's managed Valkey; {@code redis} is what it was called before Valkey replaced Redis. */
    private static final List<String> VALKEY_ENGINES = List.of("valkey", "redis");

    private final VultrClient vultr;
    private final Clock clock;

    VultrInventory(VultrClient vultr, Clock clock) {
        this.vultr = vultr;
        this.clock = clock;
    }

    /** The whole inventory, with {@code fetchedAt} now and no cache age yet. */
    InfrastructureInventory fetch() {
        long started = System.nanoTime();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Account> account = calls.submit(withLogContext(vultr::account));
            Future<List<ManagedDatabase>> databases = calls.submit(withLogContext(() -> databases(calls)));
            Future<List<Instance>> instances = calls.submit(withLogContext(vultr::instances));
            Future<List<KubernetesCluster>> clusters = calls.submit(withLogContext(() -> clusters(calls)));
            List<Future<?>> all = List.of(account, databases, instances, clusters);
            List<ManagedDatabase> allDatabases = await(databases, all);
            InfrastructureInventory inventory = new InfrastructureInventory("vultr", true, clock.instant(), null,
                    account(await(account, all)),
                    allDatabases.stream().filter(database -> !valkey(database)).toList(),
                    allDatabases.stream().filter(VultrInventory::valkey).toList(),
                    await(instances, all).stream().map(VultrInventory::instance).toList(),
                    await(clusters, all), null, null);
            LOG.info("Vultr inventory read in {} ms: {} databases, {} Valkey, {} instances, {} clusters",
                    (System.nanoTime() - started) / 1_000_000, inventory.databases().size(), inventory.valkey().size(),
                    inventory.instances().size(), inventory.kubernetesClusters().size());
            return inventory;
        }
    }

    private List<ManagedDatabase> databases(ExecutorService calls) {
        List<Database> databases = vultr.databases();
        List<Future<ManagedDatabase>> withUsage = new ArrayList<>();
        for (Database database : databases) {
            withUsage.add(calls.submit(withLogContext(
                    () -> database(database, vultr.usage(database.id()).orElse(null)))));
        }
        return awaitAll(withUsage);
    }

    private List<KubernetesCluster> clusters(ExecutorService calls) {
        List<Future<KubernetesCluster>> clusters = new ArrayList<>();
        for (Cluster cluster : vultr.clusters()) {
            clusters.add(calls.submit(withLogContext(() -> cluster(cluster,
                    cluster.nodePools() != null ? cluster.nodePools() : vultr.nodePools(cluster.id())))));
        }
        return awaitAll(clusters);
    }

    private static <T> List<T> awaitAll(List<Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        List<Future<?>> all = List.copyOf(futures);
        for (Future<T> future : futures) {
            results.add(await(future, all));
        }
        return results;
    }

    /** The future's result; on a failure the other calls are cancelled and the failure goes on as it was. */
    private static <T> T await(Future<T> future, List<Future<?>> all) {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            all.forEach(other -> other.cancel(true));
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            all.forEach(other -> other.cancel(true));
            Thread.currentThread().interrupt();
            throw new InfrastructureProviderFailure(InfrastructureProviderFailure.Reason.UNREACHABLE, "GET inventory",
                    0, null, "interrupted while reading the Vultr inventory", interrupted);
        }
    }

    /** The request's ids (MDC) on the calls' own threads, so that their log lines carry them too. */
    private static <T> Callable<T> withLogContext(Callable<T> call) {
        var context = MDC.getCopyOfContextMap();
        return () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return call.call();
            } finally {
                MDC.clear();
            }
        };
    }

    static boolean gpuPlan(String plan) {
        return plan != null && plan.toLowerCase(Locale.ROOT).startsWith("vcg-");
    }

    private static boolean valkey(ManagedDatabase database) {
        return database.engine() != null && VALKEY_ENGINES.contains(database.engine().toLowerCase(Locale.ROOT));
    }

    private static AccountView account(Account account) {
        if (account == null) {
            return null;
        }
        return new AccountView(account.name(), money(account.balance()), money(account.pendingCharges()),
                account.lastPaymentDate(), money(account.lastPaymentAmount()), "USD");
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static ManagedDatabase database(Database database, Usage usage) {
        return new ManagedDatabase(database.id(), database.label(), database.databaseEngine(),
                database.databaseEngineVersion(), database.region(), database.plan(), database.status(),
                database.planVcpus(), database.planRam(), database.planDisk(), database.planReplicas(),
                usage == null ? null : usage(usage));
    }

    private static DatabaseUsage usage(Usage usage) {
        return new DatabaseUsage(
                usage.disk() == null ? null : usage.disk().percentage(),
                usage.disk() == null ? null : usage.disk().currentGb(),
                usage.disk() == null ? null : usage.disk().maxGb(),
                usage.memory() == null ? null : usage.memory().percentage(),
                usage.memory() == null ? null : usage.memory().currentMb(),
                usage.memory() == null ? null : usage.memory().maxMb(),
                usage.cpu() == null ? null : usage.cpu().percentage());
    }

    private static ComputeInstance instance(Instance instance) {
        return new ComputeInstance(instance.id(), instance.label(), instance.hostname(), instance.plan(),
                instance.region(), instance.status(), instance.powerStatus(), instance.serverStatus(),
                instance.vcpuCount(), instance.ram(), instance.disk(), instance.mainIp(), instance.os(),
                gpuPlan(instance.plan()));
    }

    private static KubernetesCluster cluster(Cluster cluster, List<NodePool> pools) {
        return new KubernetesCluster(cluster.id(), cluster.label(), cluster.region(), cluster.version(),
                cluster.status(), cluster.haControlPlanes(), pools.stream().map(VultrInventory::nodePool).toList());
    }

    private static NodePoolView nodePool(NodePool pool) {
        List<NodeView> nodes = pool.nodes() == null ? List.of()
                : pool.nodes().stream().map(node -> new NodeView(node.id(), node.label(), node.status())).toList();
        int active = (int) nodes.stream().filter(node -> "active".equalsIgnoreCase(node.status())).count();
        return new NodePoolView(pool.id(), pool.label(), pool.plan(), pool.status(), pool.nodeQuantity(),
                pool.minNodes(), pool.maxNodes(), pool.autoScaler(), active, gpuPlan(pool.plan()), nodes);
    }
}
