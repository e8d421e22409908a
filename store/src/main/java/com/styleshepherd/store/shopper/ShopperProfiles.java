package com.styleshepherd.store.shopper;

import com.styleshepherd.store.JsonColumns;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.Optional;

/** Shoppers' profiles (table {@code profiles}), one per shopper. */
@Singleton
public class ShopperProfiles {

    private static final Argument<Map<String, String>> SIZES = Argument.mapOf(String.class, String.class);
    private static final String COLUMNS = """
            height_cm, weight_kg, bust_cm, chest_cm, waist_cm, hips_cm, inseam_cm,
            usual_sizes::text AS usual_sizes, style_preferences::text AS style_preferences,
            budget_min, budget_max, budget_currency, updated_at
            """;
    /** The profile read ({@code ?} = the shopper); the API read benchmark runs it over plain JDBC too. */
    public static final String FIND_BY_USER = "SELECT " + COLUMNS + " FROM profiles WHERE user_id = ?";

    private final JdbcOperations jdbc;
    private final JsonColumns json;
    private final Shoppers shoppers;

    ShopperProfiles(JdbcOperations jdbc, JsonColumns json, Shoppers shoppers) {
        this.jdbc = jdbc;
        this.json = json;
        this.shoppers = shoppers;
    }

    @Transactional
    public Optional<ShopperProfile> find(String userId) {
        return jdbc.prepareStatement(FIND_BY_USER, statement -> {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.<ShopperProfile>empty();
            }
        });
    }

    /** Replaces the shopper's profile with this one (what is left out is cleared); returns it as stored. */
    @Transactional
    public ShopperProfile save(String userId, ShopperProfile profile) {
        shoppers.ensure(userId);
        return jdbc.prepareStatement("""
                INSERT INTO profiles (user_id, height_cm, weight_kg, bust_cm, chest_cm, waist_cm, hips_cm, inseam_cm,
                                      usual_sizes, style_preferences, budget_min, budget_max, budget_currency, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, now())
                ON CONFLICT (user_id) DO UPDATE SET
                    height_cm = excluded.height_cm, weight_kg = excluded.weight_kg, bust_cm = excluded.bust_cm,
                    chest_cm = excluded.chest_cm, waist_cm = excluded.waist_cm, hips_cm = excluded.hips_cm,
                    inseam_cm = excluded.inseam_cm, usual_sizes = excluded.usual_sizes,
                    style_preferences = excluded.style_preferences, budget_min = excluded.budget_min,
                    budget_max = excluded.budget_max, budget_currency = excluded.budget_currency, updated_at = now()
                RETURNING\s""" + COLUMNS, statement -> {
            statement.setString(1, userId);
            BigDecimal[] measurements = {profile.heightCm(), profile.weightKg(), profile.bustCm(), profile.chestCm(),
                    profile.waistCm(), profile.hipsCm(), profile.inseamCm()};
            for (int i = 0; i < measurements.length; i++) {
                setDecimal(statement, 2 + i, measurements[i]);
            }
            statement.setString(9, json.write(profile.usualSizes()));
            statement.setString(10, json.write(profile.style()));
            ShopperProfile.Budget budget = profile.budget();
            setDecimal(statement, 11, budget == null ? null : budget.min());
            setDecimal(statement, 12, budget == null ? null : budget.max());
            statement.setString(13, budget == null ? null : budget.currency());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return read(rows);
            }
        });
    }

    private ShopperProfile read(ResultSet rows) throws SQLException {
        String currency = rows.getString("budget_currency");
        ShopperProfile.Budget budget = currency == null ? null
                : new ShopperProfile.Budget(rows.getBigDecimal("budget_min"), rows.getBigDecimal("budget_max"), currency);
        return new ShopperProfile(rows.getBigDecimal("height_cm"), rows.getBigDecimal("weight_kg"),
                rows.getBigDecimal("bust_cm"), rows.getBigDecimal("chest_cm"), rows.getBigDecimal("waist_cm"),
                rows.getBigDecimal("hips_cm"), rows.getBigDecimal("inseam_cm"),
                json.read(rows.getString("usual_sizes"), SIZES),
                json.read(rows.getString("style_preferences"), ShopperProfile.StylePreferences.class),
                budget, rows.getTimestamp("updated_at").toInstant());
    }

    private static void setDecimal(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NUMERIC);
        } else {
            statement.setBigDecimal(index, value);
        }
    }
}
