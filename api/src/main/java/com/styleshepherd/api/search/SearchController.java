package com.styleshepherd.api.search;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.input.TextQuery;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.inference.ImageDecoder;
import com.styleshepherd.inference.ImageEmbedder;
import com.styleshepherd.search.SemanticSearch;
import com.styleshepherd.search.TextEncoder;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Semantic search: by meaning ({@code GET /api/search?q=}) and by picture ({@code POST /api/search/visual}).
 * The query is encoded here, in the api process, by the same models the gpu workers embed the catalog
 * with (one short text or one picture per request: milliseconds on a CPU; a round trip through Temporal
 * would add a workflow per keystroke). Anyone may search, like browsing the catalog.
 */
@Controller("/api/search")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Public
class SearchController {

    private final TextEncoder text;
    private final ImageEmbedder images;
    private final SemanticSearch search;
    private final long maxImageBytes;

    SearchController(TextEncoder text, ImageEmbedder images, SemanticSearch search,
            @Value("${styleshepherd.search.max-image-size:8MB}") @ReadableBytes long maxImageBytes) {
        this.text = text;
        this.images = images;
        this.search = search;
        this.maxImageBytes = maxImageBytes;
    }

    /**
     * The products whose text is closest in meaning to {@code q} ("a light dress for a summer wedding"),
     * among those matching the filters, best first.
     */
    @Get("{?q,category,colour,minPrice,maxPrice,size,inStock,topK}")
    @Operation(operationId = "searchProducts", security = {})
    @Problems.BadRequest
    SearchResponse search(
            @Parameter(description = "what to look for, in words (not only spaces)")
            @QueryValue @Size(max = 500) @Pattern(regexp = TextQuery.PATTERN, message = "must hold a word, not only spaces")
            String q,
            @Valid @RequestBean SearchFilters filters) {
        float[] query = text.embed(List.of(q.strip()))[0];
        return SearchResponse.of(text.modelName(),
                search.search(text.modelId(), text.modelVersion(), query, filters.toQuery(), filters.k()));
    }

    /**
     * The products whose picture looks most like the uploaded one, among those matching the filters, best
     * first. The picture is the multipart part {@code image}: JPEG, PNG or WebP, at most 8 MB by default
     * ({@code styleshepherd.search.max-image-size}). A file that is not a readable picture gets a 400 naming
     * {@code image}.
     */
    @Post(uri = "/visual{?category,colour,minPrice,maxPrice,size,inStock,topK}", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "searchByPicture", security = {})
    @Problems.Body
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = PictureUpload.class)))
    SearchResponse visual(@Part("image") @Nullable CompletedFileUpload image, @Valid @RequestBean SearchFilters filters) {
        if (image == null || image.getSize() == 0) {
            throw FieldProblem.of("image", "is required: a JPEG, PNG or WebP picture as multipart part \"image\"");
        }
        if (image.getSize() > maxImageBytes) {
            throw FieldProblem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "image",
                    "is " + image.getSize() + " bytes; at most " + maxImageBytes + " are accepted");
        }
        BufferedImage picture;
        try {
            picture = ImageDecoder.decode(image.getBytes());
        } catch (ImageDecoder.UnreadableImageException e) {
            throw FieldProblem.of("image", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] query = images.embed(List.of(picture))[0];
        return SearchResponse.of(images.modelId() + "/" + images.modelVersion(),
                search.search(images.modelId(), images.modelVersion(), query, filters.toQuery(), filters.k()));
    }

    /**
     * The body of a visual search as the OpenAPI document describes it.
     *
     * @param image the picture: JPEG, PNG or WebP
     */
    @Schema(name = "PictureUpload")
    record PictureUpload(
            @Schema(type = "string", format = "binary", maxLength = 8388608,
                    requiredMode = Schema.RequiredMode.REQUIRED) byte[] image) {
    }
}
