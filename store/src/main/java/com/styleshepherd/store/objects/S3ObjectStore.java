package com.styleshepherd.store.objects;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3-compatible bucket of {@link ObjectStorageSettings}, through the AWS SDK v2 (JDK HTTP transport). A
 * service that does not answer within the settings' timeouts, refuses connections or answers 5xx is an
 * {@link ObjectStorageUnavailableException}; a missing object is an empty answer. Checksums are sent only
 * where S3 requires them: the SDK's default trailing checksums are not understood by every S3-compatible
 * service (S3Proxy's filesystem store among them), and the key already names the content's SHA-256.
 */
@Singleton
public class S3ObjectStore {

    private final ObjectStorageSettings settings;
    private final S3Client s3;
    private final S3Presigner presigner;

    S3ObjectStore(ObjectStorageSettings settings) {
        this.settings = settings;
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        URI endpoint = URI.create(settings.endpoint());
        Region region = Region.of(settings.region());
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.callTimeout()))
                .overrideConfiguration(o -> o.apiCallTimeout(settings.callTimeout()))
                .build();
        this.presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
                .build();
    }

    public String bucket() {
        return settings.bucket();
    }

    /** Creates the bucket unless it exists. */
    public void createBucketIfMissing() {
        call("create bucket " + settings.bucket(), () -> {
            try {
                s3.headBucket(b -> b.bucket(settings.bucket()));
                return false;
            } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
                s3.createBucket(b -> b.bucket(settings.bucket()));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                s3.createBucket(b -> b.bucket(settings.bucket()));
                return true;
            }
        });
    }

    /** Stores {@code bytes} under {@code key}, replacing what was there. */
    public void put(String key, byte[] bytes, String contentType) {
        call("put " + key, () -> s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentType(contentType)
                .contentLength((long) bytes.length), RequestBody.fromBytes(bytes)));
    }

    /** Whether an object is stored under {@code key}. */
    public boolean exists(String key) {
        return call("head " + key, () -> {
            try {
                s3.headObject(b -> b.bucket(settings.bucket()).key(key));
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** The object under {@code key}, or empty when there is none. */
    public Optional<StoredObject> get(String key) {
        return call("get " + key, () -> {
            try {
                ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(key));
                GetObjectResponse response = object.response();
                return Optional.of(new StoredObject(object.asByteArray(), response.contentType(), response.eTag()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** A URL that reads the object under {@code key} without credentials, for {@code presign-ttl}. */
    public URI presignedGet(String key) {
        return call("presign " + key, () -> presigner.presignGetObject(p -> p.signatureDuration(settings.presignTtl())
                .getObjectRequest(g -> g.bucket(settings.bucket()).key(key))).url().toURI());
    }

    private <T> T call(String what, ThrowingSupplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            if (e.statusCode() >= 500 || e.statusCode() == 429) {
                throw new ObjectStorageUnavailableException("Object storage answered " + e.statusCode() + " to " + what, e);
            }
            throw e;
        } catch (SdkClientException e) {
            // No answer at all: refused, timed out, or the connection broke.
            throw new ObjectStorageUnavailableException("Object storage did not answer " + what + " at "
                    + settings.endpoint(), e);
        } catch (SdkException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not " + what, e);
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @PreDestroy
    void close() {
        presigner.close();
        s3.close();
    }
}
