package com.styleshepherd.workflows.returnrisk;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The return-risk model, served by the GPU worker pool (task queue {@code gpu}). One activity, so a
 * learned model can replace the first one without touching the checkout.
 */
@ActivityInterface
public interface ReturnRiskActivities {

    @ActivityMethod
    ReturnRiskAssessment assessReturnRisk(ReturnRiskSignals signals);
}
