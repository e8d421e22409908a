package com.styleshepherd.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which failures are a server being down (503) and which are bugs (500). */
class OutagesTest {

    @Test
    void lostOrRefusedDatabaseConnectionsAreTheDatabase() {
        assertEquals(Optional.of(Dependency.DATABASE), Outages.of(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))));
        assertEquals(Optional.of(Dependency.DATABASE), Outages.of(new SQLException("I/O error", "08006")));
        assertEquals(Optional.of(Dependency.DATABASE), Outages.of(new SQLException("shutting down", "57P01")));
    }

    @Test
    void valkeyErrorsAreTheCache() {
        assertEquals(Optional.of(Dependency.CACHE), Outages.of(new RedisException("Currently not connected")));
        assertEquals(Optional.of(Dependency.CACHE), Outages.of(new RuntimeException(new RedisCommandTimeoutException())));
    }

    @Test
    void anUnavailableFrontendIsTheWorkflowEngine() {
        assertEquals(Optional.of(Dependency.WORKFLOW_ENGINE),
                Outages.of(new RuntimeException(Status.UNAVAILABLE.asRuntimeException())));
    }

    @Test
    void bugsAndRefusalsOfBadDataAreNotOutages() {
        assertEquals(Optional.empty(), Outages.of(new IllegalStateException("bug")));
        assertEquals(Optional.empty(), Outages.of(new SQLException("duplicate key", "23505")));
        assertEquals(Optional.empty(), Outages.of(new RuntimeException(Status.INVALID_ARGUMENT.asRuntimeException())));
    }
}
