package com.styleshepherd.api.infrastructure;

import com.styleshepherd.api.infrastructure.InfrastructureProviderFailure.Reason;
import com.styleshepherd.api.infrastructure.VultrResources.Account;
import com.styleshepherd.api.infrastructure.VultrResources.AccountAnswer;
import com.styleshepherd.api.infrastructure.VultrResources.Cluster;
import com.styleshepherd.api.infrastructure.VultrResources.ClusterPage;
import com.styleshepherd.api.infrastructure.VultrResources.Database;
import com.styleshepherd.api.infrastructure.VultrResources.DatabasePage;
import com.styleshepherd.api.infrastructure.VultrResources.ErrorAnswer;
import com.styleshepherd.api.infrastructure.VultrResources.Instance;
import com.styleshepherd.api.infrastructure.VultrResources.InstancePage;
import com.styleshepherd.api.infrastructure.VultrResources.NodePool;
import com.styleshepherd.api.infrastructure.VultrResources.NodePoolPage;
import com.styleshepherd.api.infrastructure.VultrResources.Page;
import com.styleshepherd.api.infrastructure.VultrResources.Usage;
import com.styleshepherd.api.infrastructure.VultrResources.UsageAnswer;
import com.styleshepherd.providers.ProviderHttp;
import com.styleshepherd.providers.ProviderUnavailable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vultr's v2 management API, read only: the account, managed databases and their usage, instances, Kubernetes
 * clusters and their node pools. Each call goes through {@link ProviderHttp} (timeout, client-side rate limit)
 * with one attempt: the ops view answers at once, and the caller's next refresh is the retry. Listings are
 * followed page by page through {@code meta.links.next}. A failure is an {@link InfrastructureProviderFailure}
 * that names the call and Vultr's status, never the key.
 */
final class VultrClient {

    private static final Logger LOG = LoggerFactory.getLogger(VultrClient.class);

    private final VultrSettings settings;
    private final JsonMapper json;
    private final ProviderHttp http;

    VultrClient(VultrSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = new ProviderHttp("Vultr", settings.timeout(), 1, Duration.ofMillis(100),
                settings.requestsPerSecond(), this::errorMessage);
    }

    Account account() {
        return get("/account", AccountAnswer.class).account();
    }

    List<Database> databases() {
        return list("/databases", DatabasePage.class);
    }

    /** A database's disk, memory and CPU use; empty when Vultr has none for it (404, or a 400 for its engine). */
    Optional<Usage> usage(String databaseId) {
        try {
            return Optional.ofNullable(get("/databases/" + segment(databaseId) + "/usage", UsageAnswer.class).usage());
        } catch (InfrastructureProviderFailure failure) {
            if (failure.reason() == Reason.UNUSABLE_ANSWER && (failure.status() == 400 || failure.status() == 404)) {
                LOG.info("Vultr has no usage for database {} ({})", databaseId, failure.status());
                return Optional.empty();
            }
            throw failure;
        }
    }

    List<Instance> instances() {
        return list("/instances", InstancePage.class);
    }

    List<Cluster> clusters() {
        return list("/kubernetes/clusters", ClusterPage.class);
    }

    List<NodePool> nodePools(String clusterId) {
        return list("/kubernetes/clusters/" + segment(clusterId) + "/node-pools", NodePoolPage.class);
    }

    /** Every page of a listing, in Vultr's order. */
    private <T, P extends Page<T>> List<T> list(String path, Class<P> pageType) {
        List<T> items = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = "";
        for (int page = 1; page <= settings.maxPages(); page++) {
            String query = "?per_page=" + settings.perPage()
                    + (cursor.isEmpty() ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            P answer = get(path, query, pageType);
            items.addAll(answer.items());
            cursor = answer.nextCursor();
            if (cursor.isEmpty()) {
                return items;
            }
            if (!cursors.add(cursor)) {
                throw new InfrastructureProviderFailure(Reason.UNUSABLE_ANSWER, "GET " + path, 200, null,
                        "Vultr returned the cursor of an earlier page of " + path + " again", null);
            }
        }
        LOG.warn("Vultr listing {} has more than {} pages of {}: the rest is left out", path, settings.maxPages(),
                settings.perPage());
        return items;
    }

    private <T> T get(String path, Class<T> type) {
        return get(path, "", type);
    }

    private <T> T get(String path, String query, Class<T> type) {
        String call = "GET " + path;
        byte[] body;
        try {
            body = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl().toString().replaceAll("/+$", "")
                            + path + query))
                    .header("Authorization", "Bearer " + settings.apiKey())
                    .header("Accept", "application/json")
                    .GET());
        } catch (ProviderUnavailable unavailable) {
            throw failure(call, unavailable);
        }
        try {
            return json.readValue(body, Argument.of(type));
        } catch (IOException | RuntimeException unreadable) {
            throw new InfrastructureProviderFailure(Reason.UNUSABLE_ANSWER, call, 200, null,
                    "Vultr answered " + call + " with JSON of another shape: " + unreadable.getMessage(), unreadable);
        }
    }

    private InfrastructureProviderFailure failure(String call, ProviderUnavailable unavailable) {
        int status = unavailable.status().orElse(0);
        Duration retryAfter = unavailable.retryAfter().orElse(settings.retryAfter());
        Reason reason;
        if (status == 401 || status == 403) {
            reason = Reason.KEY_REFUSED;
            retryAfter = null;
        } else if (status == 429) {
            reason = Reason.RATE_LIMITED;
        } else if (status == 0 || status >= 500) {
            reason = Reason.UNREACHABLE;
        } else {
            reason = Reason.UNUSABLE_ANSWER;
            retryAfter = null;
        }
        return new InfrastructureProviderFailure(reason, call, status, retryAfter, unavailable.getMessage(),
                unavailable);
    }

    /** An id as one path segment: Vultr's ids are UUIDs, but nothing from an answer is pasted into a path raw. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Vultr's error text, for the log: the key, should Vultr ever quote it, is cut out. */
    private String errorMessage(byte[] body) {
        String error;
        try {
            error = json.readValue(body, Argument.of(ErrorAnswer.class)).error();
        } catch (IOException unreadable) {
            error = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        }
        return error == null ? null : error.replace(settings.apiKey(), "[the key]");
    }
}
