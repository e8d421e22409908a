package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.UUID;

/** The record of each catalog import (table {@code catalog_imports}): the file's hash and its report. */
@Singleton
public class CatalogImports {

    private final CatalogImportRepository repository;

    CatalogImports(CatalogImportRepository repository) {
        this.repository = repository;
    }

    /** Stores an import's counts and its report (JSON). */
    @Transactional
    public void record(UUID id, String sha256, String format, int rowsRead, int created, int updated, int unchanged,
            int rejected, String reportJson, @Nullable String importedBy) {
        repository.save(new CatalogImport(id, sha256, format, rowsRead, created, updated, unchanged, rejected,
                reportJson, importedBy, null));
    }
}
