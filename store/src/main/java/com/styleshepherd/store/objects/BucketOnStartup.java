package com.styleshepherd.store.objects;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the image bucket at start where {@code styleshepherd.object-storage.create-bucket} is on (compose, the
 * local cluster). Object storage that is not up yet does not stop the process: uploads answer 503 until it is,
 * and the next start creates the bucket.
 */
@Singleton
@Requires(property = "styleshepherd.object-storage.create-bucket", value = "true")
final class BucketOnStartup {

    private static final Logger LOG = LoggerFactory.getLogger(BucketOnStartup.class);

    private final S3ObjectStore objects;

    BucketOnStartup(S3ObjectStore objects) {
        this.objects = objects;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            objects.createBucketIfMissing();
            LOG.info("Image bucket {} is there", objects.bucket());
        } catch (RuntimeException e) {
            LOG.warn("Could not make sure image bucket {} exists: {}", objects.bucket(), e.toString());
        }
    }
}
