package com.styleshepherd.store.objects;

/**
 * The object storage service did not answer (refused, timed out, or answered 5xx): a request answers 503
 * with {@code Retry-After} ({@code /problems/object-storage-unavailable}), and an activity is retried.
 */
public final class ObjectStorageUnavailableException extends RuntimeException {

    public ObjectStorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
