package com.styleshepherd.api.input;

import io.micronaut.serde.exceptions.SerdeException;

/**
 * A JSON value of the wrong kind for its field ({@code "quantity": 1.5}, {@code "quantity": "2"},
 * {@code "size": 12}): the body is refused. The message is written for the client ("must be a whole number")
 * and names no Java type; Serde adds the field's path ({@code items[0].quantity}) on its way out.
 */
public final class RefusedJsonValue extends SerdeException {

    RefusedJsonValue(String message) {
        super(message);
    }
}
