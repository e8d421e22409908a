package com.styleshepherd.store.shopper;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

/**
 * The {@code users} rows: a shopper exists from the first thing they save (a profile, a checkout, a
 * memory). The id is the access token's subject.
 */
@Singleton
public class Shoppers {

    private final JdbcOperations jdbc;

    Shoppers(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the shopper's row unless it exists; call inside the transaction that needs it. */
    public void ensure(String userId) {
        jdbc.prepareStatement("INSERT INTO users (id) VALUES (?) ON CONFLICT (id) DO NOTHING", statement -> {
            statement.setString(1, userId);
            return statement.executeUpdate();
        });
    }
}
