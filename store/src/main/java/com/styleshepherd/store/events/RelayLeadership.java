package com.styleshepherd.store.events;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which relay publishes: the one holding PostgreSQL's session-level advisory lock {@value #LOCK_KEY} on a
 * connection of its own. Every relay shares one Kafka {@code transactional.id}, so two publishing at once would
 * fence each other; with the lock, the others stand by. A relay that dies loses its connection, and with it the
 * lock, and another takes over.
 */
@Singleton
public class RelayLeadership {

    /** The advisory lock's key: "outbox" in ASCII. */
    static final long LOCK_KEY = 0x6f7574626f78L;

    private final DataSource dataSource;

    RelayLeadership(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lease when this process took the lock now; empty while another relay holds it. */
    public Optional<Lease> tryAcquire() throws SQLException {
        // A connection outside the application's transactions: the lock lives as long as it does.
        Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            if (row.next() && row.getBoolean(1)) {
                return Optional.of(new Lease(connection));
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** The lock, held until {@link #close()} or until its connection breaks. */
    public static final class Lease implements AutoCloseable {

        private final Connection connection;

        private Lease(Connection connection) {
            this.connection = connection;
        }

        /** Whether the lock's connection still answers (a PostgreSQL restart ends the session and the lock). */
        public boolean isHeld() {
            try {
                return connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            try (connection; Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            } catch (SQLException e) {
                // The connection is gone, and the lock with its session.
            }
        }
    }
}
