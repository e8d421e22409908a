package com.styleshepherd.api.models;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A training run started: find it in the Temporal UI by {@code workflowId}. */
@Serdeable
public record TrainingStarted(String workflowId, List<String> kinds) {
}
