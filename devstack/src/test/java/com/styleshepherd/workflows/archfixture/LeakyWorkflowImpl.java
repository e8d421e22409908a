package com.styleshepherd.workflows.archfixture;

import java.sql.Connection;
import java.time.Instant;

/** Breaks the workflow rules on purpose, so ArchitectureTest can show that its rules catch it. */
public class LeakyWorkflowImpl {

    public Instant run(Connection connection) {
        return Instant.now();
    }
}
