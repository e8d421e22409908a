package com.styleshepherd.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/**
 * The api process: HTTP in front of the workflows and the store. It runs no worker and embeds no server;
 * the dev launcher ({@code devstack/}) runs it together with both workers and local servers.
 */
@OpenAPIDefinition(
        info = @Info(title = "Style Shepherd", version = "0.1",
                description = "Voice-first AI fashion shopping assistant: catalog, checkout, orders, returns, the "
                        + "shopper's profile and memories. Errors are RFC 7807 application/problem+json naming the "
                        + "field; lists are paged with page and pageSize.",
                license = @License(name = "Proprietary (no license: all rights reserved)",
                        url = "https://choosealicense.com/no-permission/")),
        servers = @Server(url = "/", description = "The host that serves this document (the dev stack: "
                + "http://localhost:8080)"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from the identity provider (in dev: POST /api/dev/token)")
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
