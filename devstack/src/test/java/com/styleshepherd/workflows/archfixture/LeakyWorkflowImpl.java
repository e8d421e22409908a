package com.styleshepherd.workflows.archfixture;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;

/** Breaks the workflow rules on purpose, so ArchitectureTest can show that its rules catch it. */
@Singleton
public class LeakyWorkflowImpl {

    public Instant run(Connection connection) {
        return Instant.now();
    }
}
