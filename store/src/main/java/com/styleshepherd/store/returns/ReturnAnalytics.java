package com.styleshepherd.store.returns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Return rates of the orders placed in a period, grouped by category, product or reason, with what the
 * return-risk model predicted for the same lines beside what happened: the model's calibration.
 *
 * <p>What happened is what the warehouse received: a unit is returned once it came back, in whatever condition,
 * and the money is what the order's workflow refunded for it. Returns asked for and not received yet are counted
 * apart ({@code unitsAwaitingReceipt}): a shopper who asks and never sends the item back has kept it.
 */
@Singleton
public class ReturnAnalytics {

    /** How the return rates are grouped. */
    public enum GroupBy { CATEGORY, PRODUCT, REASON }

    /**
     * One group. For CATEGORY and PRODUCT: units and lines sold in the period and how many came back;
     * for REASON: the units and lines returned for that reason, against everything sold in the period.
     *
     * @param unitsAwaitingReceipt units whose return was asked for and has not been received (yet)
     * @param meanPredictedProbability the mean predicted return probability of the group's lines that
     *     were scored (null when none were)
     */
    @Serdeable
    public record Group(String key, String label, long unitsSold, long unitsReturned, long unitsAwaitingReceipt,
            long lines, long linesReturned, BigDecimal returnRate, @Nullable BigDecimal meanPredictedProbability,
            long linesScored) {
    }

    /**
     * The units received back in one condition and what was refunded for them, in one currency: RESELLABLE went
     * back into stock and was refunded, DAMAGED was refunded only, UNRETURNABLE neither.
     */
    @Serdeable
    public record Condition(String condition, String currency, long unitsReturned, long linesReturned,
            BigDecimal refunded) {
    }

    /** Lines by the risk level predicted at checkout: how often each level actually came back. */
    @Serdeable
    public record Calibration(String level, long lines, long linesReturned, BigDecimal observedReturnRate,
            BigDecimal meanPredictedProbability) {
    }

    /**
     * One model version's calibration: its scored lines of the period in ten probability bins, each with
     * the mean predicted probability beside the share that came back, and the Brier score over all of them.
     * This is how a learned model (return-risk-xgboost) is checked against what actually happens.
     */
    @Serdeable
    public record ModelCalibration(String modelId, String modelVersion, long lines, long linesReturned,
            BigDecimal observedReturnRate, BigDecimal meanPredictedProbability, BigDecimal brierScore, List<Bin> bins) {
    }

    /** Lines whose predicted probability fell in [from, to). */
    @Serdeable
    public record Bin(BigDecimal from, BigDecimal to, long lines, long linesReturned, BigDecimal observedReturnRate,
            BigDecimal meanPredictedProbability) {
    }

    /** The API answers this as it is. */
    @Serdeable
    public record Report(Instant from, Instant to, GroupBy groupBy, long unitsSold, long unitsReturned,
            long unitsAwaitingReceipt, BigDecimal returnRate, List<Group> groups, List<Condition> conditions,
            List<Calibration> calibration, List<ModelCalibration> modelCalibration) {
    }

    private final ReturnAnalyticsRepository repository;

    ReturnAnalytics(ReturnAnalyticsRepository repository) {
        this.repository = repository;
    }

    @ReadOnly
    public Report report(Instant from, Instant to, GroupBy groupBy) {
        ReturnAnalyticsRepository.Totals totals = repository.totals(from, to);
        List<Group> groups = groupBy == GroupBy.REASON ? byReason(from, to, totals.unitsSold())
                : byItem(from, to, groupBy);
        List<Condition> conditions = repository.byCondition(from, to).stream()
                .map(row -> new Condition(row.condition(), row.currency(), row.units(), row.lines(), row.refunded()))
                .toList();
        return new Report(from, to, groupBy, totals.unitsSold(), totals.unitsReturned(), totals.unitsAwaited(),
                rate(totals.unitsReturned(), totals.unitsSold()), groups, conditions, calibration(from, to),
                modelCalibration(from, to));
    }

    private List<Group> byItem(Instant from, Instant to, GroupBy groupBy) {
        return repository.byItem(from, to, groupBy == GroupBy.CATEGORY).stream()
                .map(row -> new Group(row.key(), row.label(), row.unitsSold(), row.unitsReturned(),
                        row.unitsAwaited(), row.lines(), row.linesReturned(), rate(row.unitsReturned(), row.unitsSold()), scale(row.meanPredicted()),
                        row.linesScored()))
                .toList();
    }

    private List<Group> byReason(Instant from, Instant to, long unitsSold) {
        return repository.byReason(from, to).stream()
                .map(row -> new Group(row.reason(), row.reason(), unitsSold, row.unitsReturned(),
                        row.unitsAwaited(), row.lines(), row.lines(), rate(row.unitsReturned(), unitsSold), scale(row.meanPredicted()),
                        row.linesScored()))
                .toList();
    }

    private List<Calibration> calibration(Instant from, Instant to) {
        return repository.byRiskLevel(from, to).stream()
                .map(row -> new Calibration(row.riskLevel(), row.lines(), row.linesReturned(),
                        rate(row.linesReturned(), row.lines()), scale(row.meanPredicted())))
                .toList();
    }

    private List<ModelCalibration> modelCalibration(Instant from, Instant to) {
        // Rows come ordered by model and version: each run of them is one model's bins.
        List<ModelCalibration> out = new ArrayList<>();
        List<Bin> bins = new ArrayList<>();
        String modelId = null;
        String modelVersion = null;
        long lines = 0;
        long returned = 0;
        double predicted = 0;
        double squared = 0;
        for (ReturnAnalyticsRepository.ModelBin row : repository.byModelBin(from, to)) {
            if (modelId != null && !(modelId.equals(row.modelId()) && modelVersion.equals(row.modelVersion()))) {
                out.add(modelCalibration(modelId, modelVersion, lines, returned, predicted, squared, bins));
                bins = new ArrayList<>();
                lines = 0;
                returned = 0;
                predicted = 0;
                squared = 0;
            }
            modelId = row.modelId();
            modelVersion = row.modelVersion();
            lines += row.lines();
            returned += row.linesReturned();
            predicted += row.meanPredicted().doubleValue() * row.lines();
            squared += row.squaredError();
            bins.add(new Bin(BigDecimal.valueOf(row.bin(), 1), BigDecimal.valueOf(row.bin() + 1L, 1), row.lines(),
                    row.linesReturned(), rate(row.linesReturned(), row.lines()), scale(row.meanPredicted())));
        }
        if (modelId != null) {
            out.add(modelCalibration(modelId, modelVersion, lines, returned, predicted, squared, bins));
        }
        return out;
    }

    private static ModelCalibration modelCalibration(String modelId, String modelVersion, long lines, long returned,
            double predictedSum, double squaredErrorSum, List<Bin> bins) {
        return new ModelCalibration(modelId, modelVersion, lines, returned, rate(returned, lines),
                scale(BigDecimal.valueOf(predictedSum / lines)),
                BigDecimal.valueOf(squaredErrorSum / lines).setScale(4, RoundingMode.HALF_UP), bins);
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4, RoundingMode.HALF_UP)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal scale(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP);
    }
}
