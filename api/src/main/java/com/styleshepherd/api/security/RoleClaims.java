package com.styleshepherd.api.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a token's roles claim and turns the provider's role names into the api's ({@link Roles}): a
 * configured map, or the names as they are; anything that is not an api role is dropped, and a token with
 * none gets the default roles.
 */
final class RoleClaims {

    private static final Set<String> API_ROLES = Set.of(Roles.SHOPPER, Roles.OPS);

    private final String claim;
    private final Map<String, String> map;
    private final Set<String> defaults;

    RoleClaims(String claim, List<String> mapPairs, List<String> defaults) {
        this.claim = claim;
        this.map = parse(mapPairs);
        for (String role : defaults) {
            requireApiRole(role, "default-roles");
        }
        this.defaults = Set.copyOf(defaults);
    }

    Set<String> roles(JWTClaimsSet claims) {
        Set<String> granted = new LinkedHashSet<>();
        for (String value : values(claims)) {
            String role = map.isEmpty() ? value : map.get(value);
            if (role != null && API_ROLES.contains(role)) {
                granted.add(role);
            }
        }
        return granted.isEmpty() ? defaults : Set.copyOf(granted);
    }

    /** The claim's string values: a list, a single string, or a space-separated string (as OAuth scopes are). */
    private List<String> values(JWTClaimsSet claims) {
        Object value = claims.getClaim(claim);
        if (value == null && claim.contains(".")) {
            value = nested(claims.getClaims(), claim.split("\\."));
        }
        return switch (value) {
            case Collection<?> list -> list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            case String text -> List.of(text.trim().split("\\s+"));
            case null, default -> List.of();
        };
    }

    private static Object nested(Map<String, Object> claims, String[] path) {
        Object value = claims;
        for (String step : path) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(step);
        }
        return value;
    }

    private static Map<String, String> parse(List<String> pairs) {
        Map<String, String> map = new HashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            if (pair.isBlank()) {
                continue; // ROLE_MAP= (an empty variable) maps nothing
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("styleshepherd.security.oidc.role-map: '" + pair
                        + "' is not provider-role=api-role");
            }
            map.put(pair.substring(0, equals).trim(), requireApiRole(pair.substring(equals + 1).trim(), "role-map"));
        }
        return Map.copyOf(map);
    }

    private static String requireApiRole(String role, String setting) {
        if (!API_ROLES.contains(role)) {
            throw new IllegalArgumentException("styleshepherd.security.oidc." + setting + ": '" + role
                    + "' is not one of the api's roles " + API_ROLES);
        }
        return role;
    }
}
