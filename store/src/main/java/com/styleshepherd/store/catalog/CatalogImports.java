package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.UUID;

/** The record of each catalog import (table {@code catalog_imports}): the file's hash and its report. */
@Singleton
public class CatalogImports {

    private final JdbcOperations jdbc;

    CatalogImports(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores an import's counts and its report (JSON). */
    @Transactional
    public void record(UUID id, String sha256, String format, int rowsRead, int created, int updated, int unchanged,
            int rejected, String reportJson, @Nullable String importedBy) {
        jdbc.prepareStatement("""
                INSERT INTO catalog_imports (id, sha256, format, rows_read, created, updated, unchanged, rejected,
                                             report, imported_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                """, statement -> {
            statement.setObject(1, id);
            statement.setString(2, sha256);
            statement.setString(3, format);
            statement.setInt(4, rowsRead);
            statement.setInt(5, created);
            statement.setInt(6, updated);
            statement.setInt(7, unchanged);
            statement.setInt(8, rejected);
            statement.setString(9, reportJson);
            statement.setString(10, importedBy);
            return statement.executeUpdate();
        });
    }
}
