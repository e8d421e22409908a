package com.styleshepherd.api.health;

import com.styleshepherd.api.security.Roles;
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
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Which dependency is down, for ops only: {@code /health} tells everyone UP or DOWN and nothing more
 * (the names, versions and errors of the databases are not for the public).
 */
@Controller("/api/ops/health")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
class OpsHealthController {

    private final HealthAggregator<HealthResult> aggregator;
    private final HealthIndicator[] indicators;

    OpsHealthController(HealthAggregator<HealthResult> aggregator, List<HealthIndicator> indicators) {
        this.aggregator = aggregator;
        this.indicators = indicators.toArray(HealthIndicator[]::new);
    }

    @Get
    @Operation(summary = "Health of the api and each dependency, with details",
            description = "200 when everything is UP, 503 with the same body otherwise.")
    HttpResponse<HealthResult> health() {
        HealthResult result = Mono.from(aggregator.aggregate(indicators, HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS))
                .block();
        HttpStatus status = result != null && HealthStatus.UP.equals(result.getStatus())
                ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return HttpResponse.<HealthResult>status(status).body(result);
    }
}
