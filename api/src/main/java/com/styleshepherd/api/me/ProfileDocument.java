package com.styleshepherd.api.me;

import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.store.shopper.ShopperProfile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The shopper's profile as the API reads and writes it ({@code GET}/{@code PUT /api/me/profile}).
 * {@code PUT} replaces the whole profile: a field left out, or null, is cleared (so the
 * objects' schemas are nullable). {@code updatedAt} is
 * the server's and read-only.
 */
@Serdeable
public record ProfileDocument(
        @Nullable @Schema(nullable = false) @Valid Measurements measurements,
        @Schema(example = "{\"dresses\":\"M\",\"shoes\":\"39\"}") @Nullable @Size(max = MAX_CATEGORIES)
        Map<String, @Size(max = 16) String> usualSizes,
        @Nullable @Schema(nullable = false) @Valid StylePreferences stylePreferences,
        @Nullable @Schema(nullable = false) @Valid Budget budget,
        @Nullable @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant updatedAt) {

    private static final java.util.regex.Pattern CATEGORY = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,63}");
    static final int MAX_CATEGORIES = 30;
    /** The largest amount @Digits(integer = 10, fraction = 2) allows, as the schema's maximum. */
    static final String MAX_AMOUNT = "9999999999.99";

    /** Body measurements; the unit is part of each name (centimetres, kilograms). */
    @Serdeable
    @Schema(nullable = true)
    public record Measurements(
            @Schema(example = "168.5", multipleOf = 0.1)
            @Nullable @DecimalMin("50") @DecimalMax("260") @Digits(integer = 3, fraction = 1) BigDecimal heightCm,
            @Schema(example = "61", multipleOf = 0.1)
            @Nullable @DecimalMin("20") @DecimalMax("350") @Digits(integer = 3, fraction = 1) BigDecimal weightKg,
            @Schema(multipleOf = 0.1)
            @Nullable @DecimalMin("40") @DecimalMax("200") @Digits(integer = 3, fraction = 1) BigDecimal bustCm,
            @Schema(multipleOf = 0.1)
            @Nullable @DecimalMin("40") @DecimalMax("200") @Digits(integer = 3, fraction = 1) BigDecimal chestCm,
            @Schema(multipleOf = 0.1)
            @Nullable @DecimalMin("30") @DecimalMax("200") @Digits(integer = 3, fraction = 1) BigDecimal waistCm,
            @Schema(multipleOf = 0.1)
            @Nullable @DecimalMin("40") @DecimalMax("200") @Digits(integer = 3, fraction = 1) BigDecimal hipsCm,
            @Schema(multipleOf = 0.1)
            @Nullable @DecimalMin("30") @DecimalMax("130") @Digits(integer = 3, fraction = 1) BigDecimal inseamCm) {
    }

    @Serdeable
    @Schema(nullable = true)
    public record StylePreferences(
            @Schema(example = "[\"navy\",\"olive\"]") @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> colours,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> styles,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> occasions) {
    }

    /** What the shopper means to spend on one item, in one currency. */
    @Serdeable
    @Schema(nullable = true)
    public record Budget(
            @Schema(multipleOf = 0.01)
            @Nullable @DecimalMin("0") @DecimalMax(MAX_AMOUNT) @Digits(integer = 10, fraction = 2) BigDecimal min,
            @Schema(multipleOf = 0.01)
            @Nullable @DecimalMin("0") @DecimalMax(MAX_AMOUNT) @Digits(integer = 10, fraction = 2) BigDecimal max,
            @Schema(example = "EUR", maxLength = 3) @NotNull
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** The rules annotations cannot state: map keys and values, and one field against another. */
    void checkRules() {
        if (usualSizes != null) {
            if (usualSizes.size() > MAX_CATEGORIES) {
                throw FieldProblem.of("usualSizes", "at most " + MAX_CATEGORIES + " categories");
            }
            usualSizes.forEach((category, size) -> {
                Matcher valid = CATEGORY.matcher(category == null ? "" : category);
                if (!valid.matches()) {
                    throw FieldProblem.of("usualSizes", "category '" + category
                            + "' must be lower-case letters, digits or '-' (at most 64), such as dresses");
                }
                if (size == null || size.isBlank() || size.length() > 16) {
                    throw FieldProblem.of("usualSizes." + category, "must be a size of 1 to 16 characters");
                }
            });
        }
        if (budget != null && budget.min() != null && budget.max() != null && budget.min().compareTo(budget.max()) > 0) {
            throw FieldProblem.of("budget.max", "must not be less than budget.min");
        }
    }

    ShopperProfile toProfile() {
        Measurements m = measurements == null ? new Measurements(null, null, null, null, null, null, null) : measurements;
        StylePreferences s = stylePreferences == null ? new StylePreferences(null, null, null) : stylePreferences;
        return new ShopperProfile(m.heightCm(), m.weightKg(), m.bustCm(), m.chestCm(), m.waistCm(), m.hipsCm(),
                m.inseamCm(), usualSizes == null ? Map.of() : usualSizes,
                new ShopperProfile.StylePreferences(s.colours(), s.styles(), s.occasions()),
                budget == null ? null : new ShopperProfile.Budget(budget.min(), budget.max(), budget.currency()), null);
    }

    static ProfileDocument of(ShopperProfile profile) {
        ShopperProfile.Budget budget = profile.budget();
        return new ProfileDocument(
                new Measurements(profile.heightCm(), profile.weightKg(), profile.bustCm(), profile.chestCm(),
                        profile.waistCm(), profile.hipsCm(), profile.inseamCm()),
                profile.usualSizes(),
                new StylePreferences(profile.style().colours(), profile.style().styles(), profile.style().occasions()),
                budget == null ? null : new Budget(budget.min(), budget.max(), budget.currency()),
                profile.updatedAt());
    }
}
