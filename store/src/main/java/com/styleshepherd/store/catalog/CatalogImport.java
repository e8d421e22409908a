package com.styleshepherd.store.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code catalog_imports}: one uploaded file, its counts and its report (JSON text).
 *
 * @param createdAt set by the database when the row is inserted; null before
 */
@MappedEntity("catalog_imports")
record CatalogImport(
        @Id UUID id,
        String sha256,
        String format,
        int rowsRead,
        int created,
        int updated,
        int unchanged,
        int rejected,
        @TypeDef(type = DataType.JSON) String report,
        @Nullable String importedBy,
        @Nullable @GeneratedValue Instant createdAt) {
}
