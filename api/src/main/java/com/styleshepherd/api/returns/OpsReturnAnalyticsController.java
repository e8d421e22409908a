package com.styleshepherd.api.returns;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.store.returns.ReturnAnalytics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Return rates for ops: {@code GET /api/ops/returns/analytics?from=2026-10-01&to=2026-10-31&groupBy=category}.
 * The period covers orders placed from {@code from} to {@code to}, both whole UTC days (default: the last
 * 30 days, at most 366); {@code groupBy} is {@code category} (default), {@code product} or {@code reason}.
 * Beside each group's return rate is the mean return probability the model predicted for its lines,
 * and {@code calibration} compares each predicted risk level with how often its lines came back.
 */
@Controller("/api/ops/returns/analytics")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
class OpsReturnAnalyticsController {

    static final int MAX_DAYS = 366;

    private final ReturnAnalytics analytics;
    private final Clock clock = Clock.systemUTC();

    OpsReturnAnalyticsController(ReturnAnalytics analytics) {
        this.analytics = analytics;
    }

    /**
     * Return rates of the orders placed in a period of whole UTC days (the last 30 by default, at most 366),
     * grouped by category, product or reason, beside the return risk the model predicted for them.
     *
     * @param from the first day (default: 29 days before {@code to})
     * @param to the last day (default: today)
     * @param groupBy {@code category} (the default), {@code product} or {@code reason}
     */
    @Get
    @Operation(operationId = "returnAnalytics")
    @Problems.BadRequest
    ReturnAnalytics.Report report(
            @Parameter(schema = @Schema(type = "string", format = "date")) @Nullable @QueryValue String from,
            @Parameter(schema = @Schema(type = "string", format = "date")) @Nullable @QueryValue String to,
            @Parameter(schema = @Schema(allowableValues = {"category", "product", "reason"}))
            @Nullable @QueryValue String groupBy) {
        LocalDate last = to == null ? LocalDate.now(clock) : date("to", to);
        LocalDate first = from == null ? last.minusDays(29) : date("from", from);
        if (first.isAfter(last)) {
            throw FieldProblem.of("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw FieldProblem.of("from", "the period is at most " + MAX_DAYS + " days");
        }
        return analytics.report(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), grouping(groupBy));
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw FieldProblem.of(field, "must be a date such as 2026-11-01");
        }
    }

    private static ReturnAnalytics.GroupBy grouping(@Nullable String groupBy) {
        if (groupBy == null) {
            return ReturnAnalytics.GroupBy.CATEGORY;
        }
        try {
            return ReturnAnalytics.GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw FieldProblem.of("groupBy", "must be category, product or reason");
        }
    }
}
