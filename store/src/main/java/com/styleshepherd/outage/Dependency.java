package com.styleshepherd.outage;

/**
 * The servers a request may need, each with the problem type a client sees while it is down. The type is
 * stable: a frontend may branch on it (show "payments are paused" rather than "try again").
 */
public enum Dependency {
    DATABASE("database-unavailable", "The database is unavailable"),
    CACHE("cache-unavailable", "The session store is unavailable"),
    WORKFLOW_ENGINE("workflow-engine-unavailable", "The workflow engine is unavailable"),
    OBJECT_STORAGE("object-storage-unavailable", "The image store is unavailable");

    private final String type;
    private final String title;

    Dependency(String type, String title) {
        this.type = type;
        this.title = title;
    }

    /** The problem type, relative to the api ({@code /problems/database-unavailable}). */
    public String problemType() {
        return "/problems/" + type;
    }

    public String title() {
        return title;
    }
}
