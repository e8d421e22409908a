package com.styleshepherd.workflows.returnrisk;

/** How likely a return is, in the words the shopper and ops see. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH
}
