package com.styleshepherd.store.checkout;

import com.styleshepherd.workflows.returnrisk.RiskLevel;
import java.math.BigDecimal;
import java.util.List;

/** The basket-level return-risk prediction stored for a checkout. */
public record RiskSummary(BigDecimal score, RiskLevel level, List<String> reasons, List<String> suggestions) {
}
