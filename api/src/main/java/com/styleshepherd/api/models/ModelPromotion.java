package com.styleshepherd.api.models;

import com.styleshepherd.store.models.StoredModel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What an ops promotion or rollback did.
 *
 * @param promoted the version promoted now, with its held-out metrics
 * @param replaced the version it replaced (null: none was promoted, or it was promoted already)
 * @param note when the change reaches the gpu workers
 */
@Serdeable
public record ModelPromotion(String kind, StoredModel promoted, @Nullable Integer replaced, String note) {

    static final String NOTE = "The gpu workers load the promoted version within 30 s (styleshepherd.models.refresh).";
}
