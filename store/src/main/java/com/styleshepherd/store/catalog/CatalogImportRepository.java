package com.styleshepherd.store.catalog;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.UUID;

/** The {@code catalog_imports} rows, for {@link CatalogImports}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CatalogImportRepository extends GenericRepository<CatalogImport, UUID> {

    CatalogImport save(CatalogImport catalogImport);
}
