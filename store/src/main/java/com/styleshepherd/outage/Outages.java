package com.styleshepherd.outage;

import com.styleshepherd.store.objects.ObjectStorageUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lettuce.core.RedisException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure caused by a server being down (or refusing work) from a bug: the cause chain holds a
 * lost or refused PostgreSQL connection (or a connection Micronaut Data could not set up), any Valkey error, a Temporal call that the frontend could not
 * serve, or object storage that did not answer. An outage is answered 503 with {@code Retry-After}; anything else stays a 500.
 */
public final class Outages {

    /** gRPC codes of a Temporal frontend that is down, overloaded or too slow. */
    private static final Set<Status.Code> ENGINE_DOWN = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED);

    private Outages() {
    }

    public static Optional<Dependency> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RedisException) {
                return Optional.of(Dependency.CACHE);
            }
            if (cause instanceof ConnectionException || cause instanceof SQLException sql && lostConnection(sql)) {
                return Optional.of(Dependency.DATABASE);
            }
            if (cause instanceof ObjectStorageUnavailableException) {
                return Optional.of(Dependency.OBJECT_STORAGE);
            }
            if (cause instanceof StatusRuntimeException grpc && ENGINE_DOWN.contains(grpc.getStatus().getCode())) {
                return Optional.of(Dependency.WORKFLOW_ENGINE);
            }
        }
        return Optional.empty();
    }

    /**
     * SQLState class 08 is a connection exception; 57P01-57P03 are PostgreSQL shutting down or not yet
     * accepting connections; 53300 is too many connections. The pool's own timeout is a transient
     * connection exception.
     */
    private static boolean lostConnection(SQLException sql) {
        if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || "53300".equals(state));
    }
}
