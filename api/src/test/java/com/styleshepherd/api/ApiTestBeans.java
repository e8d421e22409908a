package com.styleshepherd.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import com.styleshepherd.api.security.DevTokens;
import jakarta.inject.Singleton;

/** Lets {@code @MicronautTest} classes inject an {@link Api} on the running server and {@link Tokens}. */
@Factory
class ApiTestBeans {

    @Singleton
    Api api(@Client("/") HttpClient client, JsonMapper json) {
        return new Api(client.toBlocking(), json);
    }

    @Singleton
    Tokens tokens(DevTokens generator) {
        return new Tokens(generator);
    }
}
