package com.styleshepherd.api.infrastructure;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * What {@code /api/ops/infrastructure} shows: Vultr's inventory, kept for {@code cache-ttl}, when a key is
 * configured; otherwise the components this process uses. Not configured is not an error: the dev stack and
 * a deployment elsewhere answer 200 with {@code "configured": false}, so a dashboard shows what there is.
 */
@Singleton
final class InfrastructureView {

    static final String NOT_CONFIGURED = "No Vultr API key is configured (styleshepherd.vultr.api-key, environment "
            + "VULTR_API_KEY): these are the servers this api uses.";

    private final VultrSettings settings;
    private final InventoryCache cache;
    private final LocalComponents local;

    InfrastructureView(VultrSettings settings, JsonMapper json, LocalComponents local) {
        this.settings = settings;
        this.local = local;
        Clock clock = Clock.systemUTC();
        VultrInventory vultr = new VultrInventory(new VultrClient(settings, json), clock);
        this.cache = new InventoryCache(vultr::fetch, settings.cacheTtl(), clock);
    }

    InfrastructureInventory inventory() {
        if (!settings.configured()) {
            return new InfrastructureInventory("vultr", false, null, null, null, null, null, null, null,
                    NOT_CONFIGURED, local.list());
        }
        return cache.get();
    }

    InfrastructureSummary summary() {
        InfrastructureInventory inventory = inventory();
        return inventory.configured()
                ? InfrastructureSummary.of(inventory, settings.usageThresholdPercent())
                : InfrastructureSummary.local(inventory);
    }

    /** Forgets the cached inventory: the next request reads Vultr again. */
    void forget() {
        cache.forget();
    }
}
