package com.styleshepherd.store.shopper;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** The SQL behind {@link ShopperProfiles}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProfileRepository extends GenericRepository<StoredProfile, String> {

    @Query(ShopperProfiles.FIND_BY_USER)
    Optional<StoredProfile> find(String userId);

    /** Inserts the profile or replaces every column of the stored one; returns the row as stored. */
    @Query("""
            INSERT INTO profiles (user_id, height_cm, weight_kg, bust_cm, chest_cm, waist_cm, hips_cm, inseam_cm,
                                  usual_sizes, style_preferences, budget_min, budget_max, budget_currency, updated_at)
            VALUES (:userId, :heightCm, :weightKg, :bustCm, :chestCm, :waistCm, :hipsCm, :inseamCm,
                    CAST(:usualSizes AS jsonb), CAST(:stylePreferences AS jsonb), :budgetMin, :budgetMax,
                    :budgetCurrency, now())
            ON CONFLICT (user_id) DO UPDATE SET
                height_cm = excluded.height_cm, weight_kg = excluded.weight_kg, bust_cm = excluded.bust_cm,
                chest_cm = excluded.chest_cm, waist_cm = excluded.waist_cm, hips_cm = excluded.hips_cm,
                inseam_cm = excluded.inseam_cm, usual_sizes = excluded.usual_sizes,
                style_preferences = excluded.style_preferences, budget_min = excluded.budget_min,
                budget_max = excluded.budget_max, budget_currency = excluded.budget_currency, updated_at = now()
            RETURNING *
            """)
    StoredProfile upsert(StoredProfile profile);
}
