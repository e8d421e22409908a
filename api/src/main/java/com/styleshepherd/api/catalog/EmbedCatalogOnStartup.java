package com.styleshepherd.api.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Async;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In the dev stack ({@code styleshepherd.embedding.embed-on-start=true}), embeds whatever waits once
 * the server is up — the seeded demo catalog on a first start — so search works without an ops call.
 */
@Singleton
@Requires(property = "styleshepherd.embedding.embed-on-start", value = "true")
class EmbedCatalogOnStartup {

    private static final Logger LOG = LoggerFactory.getLogger(EmbedCatalogOnStartup.class);

    private final EmbeddingJobStarter starter;

    EmbedCatalogOnStartup(EmbeddingJobStarter starter) {
        this.starter = starter;
    }

    @EventListener
    @Async
    void onStartup(ServerStartupEvent event) {
        try {
            var job = starter.start("startup");
            LOG.info("Catalog embedding job {} {} at startup", job.job().id(), job.created() ? "started" : "already running");
        } catch (RuntimeException e) {
            LOG.warn("Could not start the catalog embedding job at startup: {}", e.toString());
        }
    }
}
