package com.styleshepherd.api.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.api.Api;
import com.styleshepherd.api.Api.Reply;
import com.styleshepherd.api.Tokens;
import com.styleshepherd.api.WorkerJvm;
import com.styleshepherd.api.catalog.TestProduct;
import com.styleshepherd.api.search.CatalogEmbeddings;
import com.styleshepherd.gpu.GpuWorkerApplication;
import com.styleshepherd.testing.RealInfrastructure;
import com.styleshepherd.workflows.conversation.ConversationWorkflow;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conversation worker dies (SIGKILL) in the middle of a turn and a new one finishes it. The api runs
 * in this JVM; the conversation worker ({@code WorkerApplication}) and the gpu worker
 * ({@code GpuWorkerApplication}) are separate JVMs. The turn is held mid-way deterministically: the gpu
 * worker is frozen (SIGSTOP), so the turn waits at its product search, after the stylist has read it; the
 * conversation worker is killed there, then the gpu worker thaws and finishes the search with no
 * conversation worker alive. What must hold: the shopper's HTTP call still gets its answer, the turn is
 * answered and recorded once, the reading done before the crash is not done again, and the conversation
 * goes on with its context.
 */
@MicronautTest(transactional = false, environments = "dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "styleshepherd.demo-catalog.enabled", value = "false")
@Property(name = "styleshepherd.worker.enabled", value = "false")
@Property(name = "styleshepherd.gpu-worker.enabled", value = "false")
// The shopper's call waits through a worker JVM's start: tens of seconds on a busy 2-core machine.
@Property(name = "micronaut.http.client.read-timeout", value = "180s")
@Property(name = "styleshepherd.conversation.turn-timeout", value = "170s")
class ConversationCrashTest implements RealInfrastructure {

    private static final Duration PATIENCE = Duration.ofSeconds(150);

    @Inject
    Api api;

    @Inject
    Tokens tokens;

    @Inject
    CatalogEmbeddings embeddings;

    @Inject
    WorkflowClient temporal;

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final Map<Long, String> skus = new HashMap<>();
    private String ops;

    @BeforeAll
    void catalog() {
        ops = tokens.ops("ops-conversation-crash");
        // The only blush products of the shared test catalog: searches by the colour are exact.
        save(ops, "PLEATED", "Blush Pleated Midi Skirt", "50.00", Map.of("S", 3, "M", 3));
        save(ops, "SATIN", "Blush Satin Skirt", "110.00", Map.of("M", 3));
        save(ops, "MINI", "Blush Linen Mini Skirt", "35.00", Map.of("M", 2, "L", 2));
        save(ops, "TULLE", "Blush Tulle Skirt", "70.00", Map.of("S", 1, "M", 1));
    }

    @Test
    void aWorkerKilledMidTurnIsReplacedAndTheTurnIsAnsweredOnce() throws Exception {
        String shopper = tokens.shopper("conversation-crash-" + UUID.randomUUID());
        Reply started = api.post("/api/conversations", shopper, Map.of());
        assertEquals(201, started.status(), started.body().toString());
        String id = (String) started.body().get("conversationId");
        String workflowId = ConversationWorkflow.workflowId(UUID.fromString(id));
        String turns = "/api/conversations/" + id + "/turns";

        CompletableFuture<Reply> held;
        try (WorkerJvm gpu = WorkerJvm.start("conversation-gpu-worker", GpuWorkerApplication.class.getName(),
                WorkerJvm.testProperties())) {
            try (WorkerJvm first = WorkerJvm.start("conversation-worker-1", WorkerJvm.testProperties())) {
                // The embedding job's workflow runs on the regular worker, its model on the gpu worker.
                assertEquals("COMPLETED", embeddings.run(ops).get("state"), first.output() + gpu.output());
                Reply found = api.post(turns, shopper, Map.of("text", "Show me blush skirts"));
                assertEquals(200, found.status(), found.body() + "\n" + first.output());
                assertEquals(List.of("MINI", "PLEATED", "SATIN", "TULLE"), skus(found).stream().sorted().toList());

                gpu.freeze();
                held = CompletableFuture.supplyAsync(() -> api.post(turns, shopper,
                        Map.of("text", "Show me cheaper ones"), Map.of("Idempotency-Key", "turn-two-" + id)));
                awaitScheduled(workflowId, "FindProducts", 2, first);
                assertEquals(2, count(workflowId, EventType.EVENT_TYPE_MARKER_RECORDED, "Understand"),
                        "the second turn was read (a local activity, recorded as a marker) before the crash");

                int exit = first.killHard();
                assertNotEquals(0, exit, "the worker died, it did not exit cleanly");
            }
            gpu.thaw();
            awaitCompleted(workflowId, "FindProducts", 2, gpu);
            assertFalse(held.isDone(), "no conversation worker: the turn cannot be answered yet");

            try (WorkerJvm second = WorkerJvm.start("conversation-worker-2", WorkerJvm.testProperties())) {
                Reply cheaper = held.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, cheaper.status(), cheaper.body() + "\n" + second.output());
                assertEquals("REFINE", cheaper.body().get("intent"));
                // Median of 35, 50, 70, 110 is 60: cheaper is under it.
                assertEquals(List.of("MINI", "PLEATED"), skus(cheaper).stream().sorted().toList());
                assertEquals(2, ((Number) cheaper.body().get("number")).intValue());

                Reply added = api.post(turns, shopper, Map.of("text", "Add the second one in M"));
                assertEquals("ADD_TO_CART", added.body().get("intent"), added.body().toString());
                List<?> cart = (List<?>) added.body().get("cart");
                assertEquals(1, cart.size(), added.body().toString());
                assertEquals(skus(cheaper).get(1), skus.get(((Number) ((Map<?, ?>) cart.getFirst()).get("productId")).longValue()),
                        "\"the second one\" is the second of the results shown before the crash");
            }
        }

        assertEquals(3, count(workflowId, EventType.EVENT_TYPE_MARKER_RECORDED, "Understand"),
                "each turn read once: the replacement replayed the crashed turn's reading from history");
        assertEquals(3, count(workflowId, EventType.EVENT_TYPE_MARKER_RECORDED, "RecordTurn"), "each turn recorded once");
        Reply repeated = api.post(turns, shopper, Map.of("text", "Show me cheaper ones"),
                Map.of("Idempotency-Key", "turn-two-" + id));
        assertEquals("true", repeated.header("Idempotent-Replayed").orElse(null), "the retried turn is the same turn");
        Map<?, ?> transcript = (Map<?, ?>) api.get("/api/conversations/" + id, shopper).body().get("transcript");
        List<?> recorded = (List<?>) transcript.get("items");
        assertEquals(List.of(1, 2, 3), recorded.stream().map(t -> ((Number) ((Map<?, ?>) t).get("number")).intValue()).toList());
        assertEquals("Show me cheaper ones", ((Map<?, ?>) recorded.get(1)).get("transcript"));
    }

    private void awaitScheduled(String workflowId, String activity, int times, WorkerJvm worker) throws InterruptedException {
        await(workflowId, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, activity, times, worker);
    }

    private void awaitCompleted(String workflowId, String activity, int times, WorkerJvm worker) throws InterruptedException {
        await(workflowId, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, activity, times, worker);
    }

    private void await(String workflowId, EventType type, String activity, int times, WorkerJvm worker)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (count(workflowId, type, activity) < times) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(activity + " not " + type + " " + times + " times; history: "
                        + history(workflowId).stream().map(e -> e.getEventType() + ":" + activityType(e, List.of(e)))
                                .toList() + "\n" + worker.output());
            }
            Thread.sleep(100);
        }
    }

    private long count(String workflowId, EventType type, String activity) {
        List<HistoryEvent> events = history(workflowId);
        return events.stream().filter(e -> e.getEventType() == type).filter(e -> activity.equals(activityType(e, events)))
                .count();
    }

    /** The history as it stands, without waiting for new events. */
    private List<HistoryEvent> history(String workflowId) {
        List<HistoryEvent> events = new java.util.ArrayList<>();
        com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
        do {
            GetWorkflowExecutionHistoryResponse response = temporal.getWorkflowServiceStubs().blockingStub()
                    .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(temporal.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                            .setNextPageToken(page)
                            .build());
            events.addAll(response.getHistory().getEventsList());
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        return events;
    }

    /**
     * The activity type of a scheduled or completed event (a completion names its scheduling event), or of
     * a local activity's marker.
     */
    private static String activityType(HistoryEvent event, List<HistoryEvent> events) {
        if (event.hasMarkerRecordedEventAttributes()) {
            var type = event.getMarkerRecordedEventAttributes().getDetailsMap().get("type");
            return type == null ? null : type.getPayloads(0).getData().toStringUtf8().replace("\"", "");
        }
        if (event.hasActivityTaskScheduledEventAttributes()) {
            return event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        }
        if (event.hasActivityTaskCompletedEventAttributes()) {
            long scheduled = event.getActivityTaskCompletedEventAttributes().getScheduledEventId();
            return events.stream().filter(e -> e.getEventId() == scheduled).findFirst()
                    .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()).orElse(null);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private List<String> skus(Reply reply) {
        return ((List<Map<String, Object>>) reply.body().get("products")).stream()
                .map(p -> skus.getOrDefault(((Number) p.get("productId")).longValue(), "OTHER:" + p.get("name")))
                .toList();
    }

    private void save(String ops, String sku, String name, String price, Map<String, Integer> sizes) {
        long id = new TestProduct(name, name + ", a light everyday skirt", "skirts", "blush", price, sizes)
                .save(api, ops, sku + "-" + tag, "Crash Test");
        skus.put(id, sku);
    }
}
