package com.styleshepherd.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;

/**
 * A real S3-compatible server with nothing to install: S3Proxy (Apache 2.0) in this JVM, on a free loopback
 * port, keeping objects as files under a folder (jclouds' {@code filesystem} blob store: one folder per
 * bucket, one file per object). It checks AWS signatures (V2 and V4, presigned URLs too) with its own key
 * pair, so clients talk to it exactly as to Vultr Object Storage or AWS S3, path-style. The bucket is
 * created on start when missing. Production points at a managed service instead.
 */
public final class S3ProxyServer implements AutoCloseable {

    /** The key pair the local server accepts; it guards nothing but a developer's loopback port. */
    public static final String ACCESS_KEY = "style-shepherd-local";
    public static final String SECRET_KEY = "style-shepherd-local-secret";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final S3Proxy proxy;
    private final BlobStoreContext blobs;
    private final Path dataDir;
    private final String bucket;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext blobs, Path dataDir, String bucket) {
        this.proxy = proxy;
        this.blobs = blobs;
        this.dataDir = dataDir;
        this.bucket = bucket;
    }

    /** A server on a free port keeping its objects in a new temporary folder (tests). */
    public static S3ProxyServer start(String bucket) {
        try {
            return start(Files.createTempDirectory("s3proxy-"), 0, bucket);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for S3Proxy", e);
        }
    }

    /**
     * A server keeping its objects under {@code dataDir} (kept from start to start, like the dev stack's
     * database), on {@code port} (0: any free port), with {@code bucket} created when missing.
     */
    public static S3ProxyServer start(Path dataDir, int port, String bucket) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDir, e);
        }
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        // By its API metadata, not the provider id "filesystem": looking a provider up by id loads every
        // provider S3Proxy's jar lists, Azure's among them, which this classpath leaves out.
        BlobStoreContext blobs = ContextBuilder.newBuilder(new FilesystemApiMetadata())
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT);
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            blobs.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not start S3Proxy on port " + port, e);
        }
        blobs.getBlobStore().createContainerInLocation(null, bucket);
        return new S3ProxyServer(proxy, blobs, dataDir, bucket);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public int port() {
        return proxy.getPort();
    }

    public String bucket() {
        return bucket;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The {@code styleshepherd.object-storage.*} settings that point a process at this server. */
    public Map<String, String> properties() {
        return Map.of(
                "styleshepherd.object-storage.endpoint", endpoint(),
                "styleshepherd.object-storage.bucket", bucket,
                "styleshepherd.object-storage.region", REGION,
                "styleshepherd.object-storage.access-key", ACCESS_KEY,
                "styleshepherd.object-storage.secret-key", SECRET_KEY,
                "styleshepherd.object-storage.path-style", "true");
    }

    /** Stops the server (a second call does nothing): clients get connection refused, as from a store that is down. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop S3Proxy", e);
        } finally {
            blobs.close();
        }
    }
}
