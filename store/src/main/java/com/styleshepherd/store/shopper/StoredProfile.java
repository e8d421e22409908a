package com.styleshepherd.store.shopper;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A row of {@code profiles}: a {@link ShopperProfile} as stored, its budget in three columns. */
@MappedEntity("profiles")
record StoredProfile(
        @Id String userId,
        @Nullable BigDecimal heightCm,
        @Nullable BigDecimal weightKg,
        @Nullable BigDecimal bustCm,
        @Nullable BigDecimal chestCm,
        @Nullable BigDecimal waistCm,
        @Nullable BigDecimal hipsCm,
        @Nullable BigDecimal inseamCm,
        @TypeDef(type = DataType.JSON) Map<String, String> usualSizes,
        @TypeDef(type = DataType.JSON) ShopperProfile.StylePreferences stylePreferences,
        @Nullable BigDecimal budgetMin,
        @Nullable BigDecimal budgetMax,
        @Nullable String budgetCurrency,
        @Nullable Instant updatedAt) {

    /** The profile to store for the shopper ({@code updatedAt} is the database's to set). */
    static StoredProfile of(String userId, ShopperProfile profile) {
        ShopperProfile.Budget budget = profile.budget();
        return new StoredProfile(userId, profile.heightCm(), profile.weightKg(), profile.bustCm(), profile.chestCm(),
                profile.waistCm(), profile.hipsCm(), profile.inseamCm(), profile.usualSizes(), profile.style(),
                budget == null ? null : budget.min(), budget == null ? null : budget.max(),
                budget == null ? null : budget.currency(), null);
    }

    ShopperProfile toProfile() {
        ShopperProfile.Budget budget = budgetCurrency == null ? null
                : new ShopperProfile.Budget(budgetMin, budgetMax, budgetCurrency);
        return new ShopperProfile(heightCm, weightKg, bustCm, chestCm, waistCm, hipsCm, inseamCm, usualSizes,
                stylePreferences, budget, updatedAt);
    }
}
