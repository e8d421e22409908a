package com.styleshepherd.api.checkout;

import com.google.protobuf.ByteString;
import com.styleshepherd.temporal.CallDeadline;
import com.styleshepherd.temporal.TemporalSettings;
import com.styleshepherd.workflows.checkout.CheckoutSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.serde.annotation.Serdeable;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Ops' list of checkouts, read from Temporal's visibility store: each checkout's own search attributes
 * ({@link CheckoutSearchAttributes}, upserted by the workflow as it moves), filtered by a visibility query
 * and paged with the server's page token. Visibility is eventually consistent (a second or so behind).
 */
@Singleton
class CheckoutVisibility {

    private final WorkflowServiceStubs service;
    private final TemporalSettings settings;
    private final CallDeadline deadline;

    CheckoutVisibility(WorkflowServiceStubs service, TemporalSettings settings, CallDeadline deadline) {
        this.service = service;
        this.settings = settings;
        this.deadline = deadline;
    }

    /**
     * @param checkoutStatus the checkout's own status ({@code FAILED}), or null for any
     * @param stuckFor only checkouts still running that started at least this long ago, or null
     * @param shopperId one shopper's, or null
     */
    record Filter(@Nullable String checkoutStatus, @Nullable Duration stuckFor, @Nullable String shopperId) {

        /** The visibility query. Values are checked by the controller's patterns, so none holds a quote. */
        String query(Instant now) {
            List<String> terms = new ArrayList<>(List.of("WorkflowType = 'CheckoutWorkflow'"));
            if (checkoutStatus != null) {
                terms.add(CheckoutSearchAttributes.CHECKOUT_STATUS.getName() + " = '" + checkoutStatus + "'");
            }
            if (stuckFor != null) {
                terms.add("ExecutionStatus = 'Running' AND StartTime < '"
                        + now.minus(stuckFor).truncatedTo(ChronoUnit.SECONDS) + "'");
            }
            if (shopperId != null) {
                terms.add(CheckoutSearchAttributes.SHOPPER_ID.getName() + " = '" + shopperId + "'");
            }
            return String.join(" AND ", terms);
        }
    }

    /** A checkout as visibility shows it. */
    @Serdeable
    record Visible(String workflowId, String runId, @Nullable String checkoutId, String executionStatus,
            @Nullable String checkoutStatus, @Nullable String shopperId, @Nullable Double total, Instant startedAt,
            @Nullable Instant closedAt) {
    }

    @Serdeable
    record Page(List<Visible> items, @Nullable String nextPageToken, String query) {
    }

    Page list(Filter filter, int pageSize, @Nullable String pageToken) {
        String query = filter.query(Instant.now());
        ListWorkflowExecutionsRequest.Builder request = ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(settings.namespace())
                .setQuery(query)
                .setPageSize(pageSize);
        if (pageToken != null) {
            request.setNextPageToken(ByteString.copyFrom(decode(pageToken)));
        }
        ListWorkflowExecutionsResponse response;
        try {
            response = deadline.within(() -> service.blockingStub().listWorkflowExecutions(request.build()));
        } catch (StatusRuntimeException e) {
            // The server cannot read a token it did not issue (the SQLite store says UNKNOWN, others INVALID_ARGUMENT).
            if (pageToken != null && (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
                    || e.getStatus().getCode() == Status.Code.UNKNOWN)) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "pageToken is not a page token of this list");
            }
            throw e;
        }
        List<Visible> items = response.getExecutionsList().stream().map(CheckoutVisibility::visible).toList();
        String next = response.getNextPageToken().isEmpty() ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(response.getNextPageToken().toByteArray());
        return new Page(items, next, query);
    }

    private static Visible visible(WorkflowExecutionInfo info) {
        Map<String, Payload> attributes = info.getSearchAttributes().getIndexedFieldsMap();
        return new Visible(info.getExecution().getWorkflowId(), info.getExecution().getRunId(),
                attribute(attributes, CheckoutSearchAttributes.CHECKOUT_ID.getName(), String.class),
                info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
                attribute(attributes, CheckoutSearchAttributes.CHECKOUT_STATUS.getName(), String.class),
                attribute(attributes, CheckoutSearchAttributes.SHOPPER_ID.getName(), String.class),
                attribute(attributes, CheckoutSearchAttributes.CHECKOUT_TOTAL.getName(), Double.class),
                instant(info.getStartTime()), info.hasCloseTime() ? instant(info.getCloseTime()) : null);
    }

    private static <T> T attribute(Map<String, Payload> attributes, String name, Class<T> type) {
        Payload payload = attributes.get(name);
        return payload == null ? null : DataConverter.getDefaultInstance().fromPayload(payload, type, type);
    }

    private static Instant instant(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static byte[] decode(String pageToken) {
        try {
            return Base64.getUrlDecoder().decode(pageToken);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "pageToken is not a page token of this list");
        }
    }
}
