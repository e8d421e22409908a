package com.styleshepherd.store.objects;

/**
 * An object read from the store, whole.
 *
 * @param eTag the store's entity tag, quoted as HTTP writes it
 */
public record StoredObject(byte[] bytes, String contentType, String eTag) {
}
