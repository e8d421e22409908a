package com.styleshepherd.gpu.models;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.List;

/**
 * How the learned models are trained ({@code styleshepherd.models.training}):
 * <pre>
 * styleshepherd.models.training:
 *   cron: "0 3 * * *"            # ModelTrainingWorkflow's schedule (UTC)
 *   schedule: true               # the gpu worker starts the cron workflow (once per cluster)
 *   train-on-start: false        # dev: one run at start when a kind has no promoted version
 *   size-data: /data/clothes_size_prediction.csv       # public bootstrap rows beside the shop's own
 *   fit-data: [/data/modcloth_final_data.json.gz, /data/renttherunway_final_data.json.gz]
 *   size-sample: 0               # at most this many public size rows, a seeded sample (0: all)
 *   minimum-test-rows: 10        # fewer held-out rows than this: no candidate
 * </pre>
 */
@ConfigurationProperties("styleshepherd.models.training")
public class TrainingSettings {

    private String cron = "0 3 * * *";
    private boolean schedule = true;
    private boolean trainOnStart;
    private Path sizeData;
    private List<Path> fitData = List.of();
    private int sizeSample;
    private int minimumTestRows = 10;
    private long seed = 20_261_122L;

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public boolean isSchedule() {
        return schedule;
    }

    public void setSchedule(boolean schedule) {
        this.schedule = schedule;
    }

    public boolean isTrainOnStart() {
        return trainOnStart;
    }

    public void setTrainOnStart(boolean trainOnStart) {
        this.trainOnStart = trainOnStart;
    }

    @Nullable
    public Path getSizeData() {
        return sizeData;
    }

    public void setSizeData(@Nullable Path sizeData) {
        this.sizeData = sizeData;
    }

    public List<Path> getFitData() {
        return fitData;
    }

    public void setFitData(@Nullable List<Path> fitData) {
        this.fitData = fitData == null ? List.of() : List.copyOf(fitData);
    }

    public int getSizeSample() {
        return sizeSample;
    }

    public void setSizeSample(int sizeSample) {
        this.sizeSample = sizeSample;
    }

    public int getMinimumTestRows() {
        return minimumTestRows;
    }

    public void setMinimumTestRows(int minimumTestRows) {
        this.minimumTestRows = minimumTestRows;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }
}
