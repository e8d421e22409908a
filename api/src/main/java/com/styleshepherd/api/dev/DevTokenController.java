package com.styleshepherd.api.dev;

import com.styleshepherd.api.security.DevTokens;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out access tokens for any user and role, so the dev stack can be used without an identity
 * provider. The bean exists only in the {@code dev} environment: elsewhere the route is a 404. Not in the
 * OpenAPI document, which describes production.
 */
@Hidden
@Controller("/api/dev/token")
@Requires(env = "dev")
@Requires(beans = DevTokens.class)
@Secured(SecurityRule.IS_ANONYMOUS)
class DevTokenController {

    static final Duration LIFETIME = Duration.ofHours(12);
    private static final Logger LOG = LoggerFactory.getLogger(DevTokenController.class);

    private final DevTokens tokens;

    DevTokenController(DevTokens tokens) {
        this.tokens = tokens;
    }

    @Post
    DevToken issue(@Valid @Body DevTokenRequest request) {
        String token = tokens.issue(request.userId(), Set.copyOf(request.roles()), LIFETIME);
        LOG.info("Issued dev token userId={} roles={}", request.userId(), request.roles());
        return new DevToken(token, "Bearer", LIFETIME.toSeconds());
    }

    /**
     * @param userId becomes the token subject
     * @param roles {@code shopper} and/or {@code ops}
     */
    @Serdeable
    record DevTokenRequest(
            @NotBlank @Size(max = 128) @Pattern(regexp = "^[A-Za-z0-9._@-]+$") String userId,
            @NotEmpty List<@Pattern(regexp = "^(shopper|ops)$", message = "must be shopper or ops") String> roles) {
    }

    @Serdeable
    record DevToken(String accessToken, String tokenType, long expiresIn) {
    }
}
