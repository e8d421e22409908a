package com.styleshepherd.api.security;

import com.styleshepherd.api.Api;
import com.styleshepherd.devstack.FreePort;
import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The api started as production starts it: environment {@code prod} and nothing else (no {@code test}
 * or {@code dev}, none deduced from the classpath or the cloud), so no dev token source and none of the
 * test configuration; tokens come from the given OIDC issuer. PostgreSQL, Redis and Temporal are the
 * tests' real servers.
 */
public final class ProductionApi implements AutoCloseable {

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final int managementPort;
    private final Api api;
    private final Api management;

    private ProductionApi(ApplicationContext context, int managementPort) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class).start();
        this.managementPort = managementPort;
        this.api = Api.of(server);
        this.management = new Api(context.createBean(HttpClient.class,
                URI.create("http://localhost:" + managementPort)).toBlocking(), context.getBean(JsonMapper.class));
    }

    /** The production settings every deployment has, for this issuer; {@code extra} adds or overrides. */
    public static Map<String, Object> settings(String issuer, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        properties.put("micronaut.server.port", -1);
        properties.put("endpoints.all.port", FreePort.find());
        properties.put("styleshepherd.security.oidc.issuer", issuer);
        properties.put("styleshepherd.security.oidc.audience", OidcIssuer.AUDIENCE);
        properties.put("stripe.webhook-secret", "whsec_production_test");
        properties.putAll(extra);
        return properties;
    }

    public static ApplicationContext context(Map<String, Object> properties) {
        return ApplicationContext.builder()
                .environments("prod")
                .deduceEnvironment(false)
                .deduceCloudEnvironment(false)
                .properties(properties)
                .build();
    }

    public static ProductionApi start(Map<String, Object> properties) {
        ApplicationContext context = context(properties).start();
        return new ProductionApi(context, (Integer) properties.get("endpoints.all.port"));
    }

    /** The public port: what the ingress routes to. */
    public Api api() {
        return api;
    }

    /** The management port: probes and Prometheus, inside the cluster only. */
    public Api management() {
        return management;
    }

    public int managementPort() {
        return managementPort;
    }

    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        api.close();
        management.close();
        server.stop();
        context.close();
    }
}
