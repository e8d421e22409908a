package com.styleshepherd.api.stock;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.store.events.StockAlerts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The sizes sold out right now, as the stock-alert consumer keeps them from the domain events on Kafka
 * (docs/events.md#consuming): what ops restock first. With Kafka off or behind, it is as current as the events it
 * has read.
 */
@Controller("/api/ops/stock-alerts")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsStockAlertController {

    private final StockAlerts alerts;

    OpsStockAlertController(StockAlerts alerts) {
        this.alerts = alerts;
    }

    /** Sizes with no unit left, most recently sold out first. */
    @Get("{?page,pageSize}")
    @Operation(operationId = "listStockAlerts")
    @Problems.BadRequest
    PageResponse<StockAlerts.Alert> list(@Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        return new PageResponse<>(alerts.page((paging.page() - 1) * paging.pageSize(), paging.pageSize()),
                paging.page(), paging.pageSize(), alerts.count());
    }
}
