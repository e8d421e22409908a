package com.styleshepherd.gpu.returnrisk;

import com.styleshepherd.workflows.returnrisk.ReturnRiskActivities;
import com.styleshepherd.workflows.returnrisk.ReturnRiskAssessment;
import com.styleshepherd.workflows.returnrisk.ReturnRiskSignals;
import jakarta.inject.Singleton;

/** Scores return risk on the GPU pool's task queue; today with {@link ReturnRiskRules}. */
@Singleton
public class ReturnRiskActivitiesImpl implements ReturnRiskActivities {

    @Override
    public ReturnRiskAssessment assessReturnRisk(ReturnRiskSignals signals) {
        return ReturnRiskRules.assess(signals);
    }
}
