package com.styleshepherd.store.objects;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code styleshepherd.object-storage.*}: the S3-compatible bucket product images live in (environment:
 * {@code STYLESHEPHERD_OBJECT_STORAGE_ENDPOINT}, {@code _BUCKET}, {@code _REGION}, {@code _ACCESS_KEY},
 * {@code _SECRET_KEY}, ...). Production points at Vultr Object Storage ({@code https://ewr1.vultrobjects.com});
 * the dev stack and the tests at their S3Proxy, which they configure themselves. The defaults name a local
 * server on port 9000 with the dev stack's key pair, so nothing here is a secret.
 *
 * @param endpoint the service's URL
 * @param bucket where product images are kept
 * @param region the signing region (Vultr and S3Proxy accept any; {@code us-east-1})
 * @param pathStyle {@code true}: {@code endpoint/bucket/key} (S3Proxy, and Vultr too); false: virtual-hosted
 * @param presignTtl how long a presigned URL to an image is valid
 * @param connectTimeout how long opening a connection may take: while the service is down, requests answer 503 quickly
 * @param callTimeout how long one call may take in all, retries included
 * @param createBucket create the bucket at start when it is missing (compose and the local cluster, whose S3Proxy
 *     starts empty); production's bucket is made by ops, and the process's key may not create buckets
 */
@ConfigurationProperties("styleshepherd.object-storage")
public record ObjectStorageSettings(
        @Bindable(defaultValue = "http://127.0.0.1:9000") String endpoint,
        @Bindable(defaultValue = "style-shepherd-images") String bucket,
        @Bindable(defaultValue = "us-east-1") String region,
        @Bindable(defaultValue = "style-shepherd-local") String accessKey,
        @Bindable(defaultValue = "style-shepherd-local-secret") String secretKey,
        @Bindable(defaultValue = "true") boolean pathStyle,
        @Bindable(defaultValue = "15m") Duration presignTtl,
        @Bindable(defaultValue = "500ms") Duration connectTimeout,
        @Bindable(defaultValue = "1500ms") Duration callTimeout,
        @Bindable(defaultValue = "false") boolean createBucket) {
}
