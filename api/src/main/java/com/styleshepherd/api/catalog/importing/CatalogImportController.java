package com.styleshepherd.api.catalog.importing;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.api.security.Roles;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.Principal;

/** Bulk catalog import for ops. */
@Controller("/api/ops/products/import")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class CatalogImportController {

    private final CatalogImporter importer;
    private final long maxBytes;

    CatalogImportController(CatalogImporter importer,
            @Value("${styleshepherd.catalog.import.max-size:64MB}") @ReadableBytes long maxBytes) {
        this.importer = importer;
        this.maxBytes = maxBytes;
    }

    /**
     * Imports the products of a JSONL or CSV file: multipart part {@code file}, at most 64 MB by default
     * ({@code styleshepherd.catalog.import.max-size}); files over 1 MB are spooled to disk and read as a
     * stream. Answers with a report: rows read, created, updated, unchanged, and every rejected row with its
     * line and reason. Importing the same file again changes nothing.
     */
    @Post(uri = "{?format,mapping,defaultPrice,currency,defaultSizes,defaultStock}", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "importProducts")
    @Problems.Body
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = CatalogFile.class)))
    ImportReport importProducts(Principal ops, @Part("file") @Nullable CompletedFileUpload file,
            @Valid @RequestBean ImportOptions options) {
        if (file == null || file.getSize() == 0) {
            throw FieldProblem.of("file", "is required: a JSONL or CSV file as multipart part \"file\"");
        }
        if (file.getSize() > maxBytes) {
            throw FieldProblem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "file",
                    "is " + file.getSize() + " bytes; at most " + maxBytes + " are accepted");
        }
        String format = options.format() != null ? options.format() : formatOf(file.getFilename());
        if (format == null) {
            throw FieldProblem.of("format", "is needed: the file name ends in neither .jsonl nor .csv");
        }
        if (format.equals("jsonl") && options.mapping() != null && !options.mapping().equals("native")) {
            throw FieldProblem.of("mapping", "applies to CSV files only");
        }
        try (InputStream in = file.getInputStream()) {
            return importer.importFile(in, format, options, ops.getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body of an import as the OpenAPI document describes it.
     *
     * @param file the products: JSON Lines ({@code .jsonl}, {@code .ndjson}) or CSV ({@code .csv}); the name tells
     *     which unless {@code format} does
     */
    @Schema(name = "CatalogFile")
    record CatalogFile(
            @Schema(type = "string", format = "binary", maxLength = 67108864,
                    requiredMode = Schema.RequiredMode.REQUIRED) byte[] file) {
    }

    @Nullable
    private static String formatOf(@Nullable String fileName) {
        if (fileName == null) {
            return null;
        }
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return "jsonl";
        }
        return lower.endsWith(".csv") ? "csv" : null;
    }
}
