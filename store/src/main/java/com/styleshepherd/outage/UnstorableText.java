package com.styleshepherd.outage;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a failure caused by text PostgreSQL cannot hold from a bug: a NUL character (U+0000) in a string
 * or a JSON member that validation let through. It is the client's input, so the api answers 400.
 */
public final class UnstorableText {

    /**
     * SQLSTATEs {@code character_not_in_repertoire} (a NUL byte in a text column) and
     * {@code untranslatable_character} (U+0000 in jsonb).
     */
    private static final Set<String> STATES = Set.of("22021", "22P05");

    private UnstorableText() {
    }

    /** Whether the cause chain (or a batch's next exceptions) holds PostgreSQL's refusal of such text. */
    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException each = sql; each != null; each = each.getNextException()) {
                    if (STATES.contains(each.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
