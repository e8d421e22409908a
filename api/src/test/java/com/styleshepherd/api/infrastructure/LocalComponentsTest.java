package com.styleshepherd.api.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where a local server is, as ops see it: never a user, a password or a query (which may hold one). */
class LocalComponentsTest {

    @Test
    void anEndpointIsItsSchemeHostPortAndPathOnly() {
        assertEquals("postgresql://db.internal:5432/styleshepherd", LocalComponents.endpoint(
                "postgresql://shop:s3cret@db.internal:5432/styleshepherd?sslmode=verify-full&password=s3cret"));
        assertEquals("redis://valkey:6379/0", LocalComponents.endpoint("redis://:s3cret@valkey:6379/0"));
        assertEquals("rediss://vultr-prod-8c1f.vultrdb.com:16752",
                LocalComponents.endpoint("rediss://default:s3cret@vultr-prod-8c1f.vultrdb.com:16752"));
    }

    @Test
    void anAddressThatIsMissingOrUnreadableSaysSo() {
        assertEquals("not configured", LocalComponents.endpoint(""));
        assertEquals("(unreadable address)", LocalComponents.endpoint("not a uri at all"));
        assertEquals("(unreadable address)", LocalComponents.endpoint("db.internal:5432"));
    }
}
