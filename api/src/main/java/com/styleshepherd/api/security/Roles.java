package com.styleshepherd.api.security;

/** Roles carried in the access token's {@code roles} claim. */
public final class Roles {

    public static final String SHOPPER = "shopper";
    public static final String OPS = "ops";

    private Roles() {
    }
}
