package com.styleshepherd.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls the running server like the frontend does and reads any answer, 2xx or not, as JSON. */
public final class Api implements AutoCloseable {

    private final BlockingHttpClient http;
    private final JsonMapper json;

    public Api(BlockingHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    /** An Api on a server a test started itself; closing it closes its HTTP client. */
    public static Api of(EmbeddedServer server) {
        HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        return new Api(client.toBlocking(), server.getApplicationContext().getBean(JsonMapper.class));
    }

    /** The body of a GET as text, for non-JSON endpoints such as /prometheus. */
    public String text(String uri) {
        return http.retrieve(uri);
    }

    @Override
    public void close() {
        http.close();
    }

    /** A response: status, content type, JSON body (empty map when none) and headers. */
    public record Reply(int status, String contentType, Map<String, Object> body, HttpResponse<?> response) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(response.getHeaders().get(name));
        }

        /** The problem's violations as field -> message pairs. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> violations() {
            return (List<Map<String, Object>>) body.getOrDefault("violations", List.of());
        }

        public List<String> violatedFields() {
            return violations().stream().map(v -> (String) v.get("field")).toList();
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) body.get("items");
        }
    }

    public Reply get(String uri) {
        return send(HttpRequest.GET(uri), null);
    }

    public Reply get(String uri, String token) {
        return send(HttpRequest.GET(uri), token);
    }

    /** A GET with extra headers. */
    public Reply get(String uri, String token, Map<String, String> headers) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        headers.forEach(request::header);
        return send(request, token);
    }

    public Reply delete(String uri, String token) {
        return send(HttpRequest.DELETE(uri), token);
    }

    public Reply put(String uri, String token, Object body) {
        return send(HttpRequest.PUT(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), token);
    }

    public Reply post(String uri, String token, Object body) {
        return send(HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), token);
    }

    /** A POST with extra headers (e.g. {@code Idempotency-Key}). */
    public Reply post(String uri, String token, Object body, Map<String, String> headers) {
        MutableHttpRequest<?> request = HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(request::header);
        return send(request, token);
    }

    /** Any method, with a JSON body when {@code body} is not null. */
    public Reply call(io.micronaut.http.HttpMethod method, String uri, String token, Object body) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, uri);
        if (body != null) {
            request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return send(request, token);
    }

    /** A multipart/form-data POST with one file part. */
    public Reply upload(String uri, String token, String part, String fileName, MediaType type, byte[] bytes) {
        MultipartBody body = MultipartBody.builder().addPart(part, fileName, type, bytes).build();
        return send(HttpRequest.POST(uri, body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), token);
    }

    /** A multipart/form-data PUT with one file part. */
    public Reply uploadPut(String uri, String token, String part, String fileName, MediaType type, byte[] bytes) {
        MultipartBody body = MultipartBody.builder().addPart(part, fileName, type, bytes).build();
        return send(HttpRequest.PUT(uri, body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), token);
    }

    /** A POST of raw bytes with the given content type. */
    public Reply postBytes(String uri, String token, MediaType type, byte[] bytes) {
        return send(HttpRequest.POST(uri, bytes).contentType(type), token);
    }

    /** A GET of a binary resource: the raw response, body as bytes. */
    @SuppressWarnings("unchecked")
    public HttpResponse<byte[]> getBytes(String uri, String token) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri);
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            return http.exchange(request, byte[].class);
        } catch (HttpClientResponseException e) {
            return (HttpResponse<byte[]>) e.getResponse();
        }
    }

    private Reply send(MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        HttpResponse<String> response;
        try {
            response = http.exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            response = (HttpResponse<String>) e.getResponse();
        }
        String text = response.getBody(String.class).orElse("");
        String type = response.getContentType().map(MediaType::toString).orElse("");
        // A picture (GET /api/products/{id}/image) or a text answer has no JSON body to read.
        boolean json = type.isEmpty() || type.contains("json");
        return new Reply(response.code(), type, text.isBlank() || !json ? Map.of() : parse(text), response);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text, e);
        }
    }
}
