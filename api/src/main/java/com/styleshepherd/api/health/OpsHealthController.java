package com.styleshepherd.api.health;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Which dependency is down, for ops only: {@code /health} tells everyone UP or DOWN and nothing more
 * (the names, versions and errors of the databases are not for the public).
 */
@Controller("/api/ops/health")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsHealthController {

    private final HealthAggregator<HealthResult> aggregator;
    private final HealthIndicator[] indicators;

    OpsHealthController(HealthAggregator<HealthResult> aggregator, List<HealthIndicator> indicators) {
        this.aggregator = aggregator;
        this.indicators = indicators.toArray(HealthIndicator[]::new);
    }

    @Get
    @Operation(operationId = "opsHealth", summary = "Health of the api and each dependency, with details",
            description = "200 when everything is UP, 503 with the same body otherwise.")
    @ApiResponse(responseCode = "200", description = "Everything is UP",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthDocument.class)))
    @ApiResponse(responseCode = "503", description = "Something is DOWN: the same body, saying what",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = HealthDocument.class)))
    HttpResponse<HealthResult> health() {
        HealthResult result = Mono.from(aggregator.aggregate(indicators, HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS))
                .block();
        HttpStatus status = result != null && HealthStatus.UP.equals(result.getStatus())
                ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return HttpResponse.<HealthResult>status(status).body(result);
    }

    /**
     * The health body as the OpenAPI document describes it (what micronaut-management writes for a
     * {@link HealthResult}).
     *
     * @param name the application
     * @param status {@code UP}, {@code DOWN} or {@code UNKNOWN}
     * @param details each indicator by name (jdbc, redis, temporal, ...), each a health body of its own
     */
    @Schema(name = "Health", description = "The health of the api and of each server it depends on")
    record HealthDocument(
            String name,
            @Schema(allowableValues = {"UP", "DOWN", "UNKNOWN"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String status,
            @Nullable @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
            Map<String, Object> details) {
    }
}
