package com.styleshepherd.api.conversations;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.paging.PageResponse;
import com.styleshepherd.api.paging.Paging;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.cache.AudioStore;
import com.styleshepherd.cache.ConversationContexts;
import com.styleshepherd.cache.SessionStore;
import com.styleshepherd.store.conversation.ConversationRecord;
import com.styleshepherd.store.conversation.ConversationStore;
import com.styleshepherd.temporal.CheckoutStarter;
import com.styleshepherd.workflows.conversation.AudioClip;
import com.styleshepherd.workflows.conversation.ConversationContext;
import com.styleshepherd.workflows.conversation.ConversationPolicy;
import com.styleshepherd.workflows.conversation.ConversationStart;
import com.styleshepherd.workflows.conversation.ConversationWorkflow;
import com.styleshepherd.workflows.conversation.TurnInput;
import com.styleshepherd.workflows.conversation.TurnResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations with the stylist. Each is a {@code ConversationWorkflow}; each turn is a synchronous
 * Update, so the reply comes back in the same request. Turns may be typed (JSON) or spoken (multipart
 * WAV), and answered in text or also in speech ({@code speak=true}).
 */
@Controller("/api/conversations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class ConversationController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The document's one operation for both kinds of turn (typed and spoken share their path and method). */
    static final String TURN_SUMMARY = "Takes a turn: typed or spoken; answers once the stylist has.";
    static final String TURN_DESCRIPTION = "Typed: `application/json` `{\"text\": \"...\"}`. Spoken: "
            + "`multipart/form-data` with the part `audio`, a WAV file of 16 kHz, mono, 16-bit PCM. With `speak=true` "
            + "the reply is spoken too (`audio`). The same `Idempotency-Key` again answers the same turn, with "
            + "`Idempotent-Replayed: true`.";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{8,200}");
    private static final Logger LOG = LoggerFactory.getLogger(ConversationController.class);

    private final ConversationStore conversations;
    private final ConversationContexts contexts;
    private final SessionStore sessions;
    private final AudioStore audio;
    private final ConversationWorkflows workflows;
    private final ConversationSettings settings;
    private final CheckoutStarter checkout;

    ConversationController(ConversationStore conversations, ConversationContexts contexts, SessionStore sessions,
            AudioStore audio, ConversationWorkflows workflows, ConversationSettings settings, CheckoutStarter checkout) {
        this.conversations = conversations;
        this.contexts = contexts;
        this.sessions = sessions;
        this.audio = audio;
        this.workflows = workflows;
        this.settings = settings;
        this.checkout = checkout;
    }

    /** Starts a conversation: 201 with its id. The body (payment method and address for checkouts) is optional. */
    @Post
    @Operation(operationId = "startConversation")
    @ApiResponse(responseCode = "201", description = "The conversation, started", useReturnTypeSchema = true,
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the conversation's URL", schema = @Schema(type = "string")))
    @Problems.Body
    HttpResponse<Started> start(Authentication shopper, HttpRequest<?> request,
            @Nullable @Valid @Body StartConversationCommand command) {
        if (command == null && request.getContentLength() > 0) {
            // A body that is there but not an object ("null", spaces): the document allows an object or none.
            throw FieldProblem.of("body", "must be a JSON object, or left out");
        }
        var wallet = (command == null ? StartConversationCommand.NONE : command).wallet();
        UUID conversationId = UUID.randomUUID();
        String workflowId = ConversationWorkflow.workflowId(conversationId);
        // The session lives only in Valkey: it comes first, so that Valkey being down leaves nothing behind.
        sessions.open(conversationId.toString(), shopper.getName());
        conversations.open(conversationId, shopper.getName(), workflowId);
        ConversationPolicy policy = new ConversationPolicy(settings.idleTimeout(), settings.turnsPerRun(),
                settings.resultsPerSearch(), checkout.policy());
        try {
            workflows.start(ConversationStart.fresh(conversationId, shopper.getName(), wallet, policy));
        } catch (RuntimeException notStarted) {
            // Never listed as ACTIVE without a workflow to answer its turns.
            conversations.close(conversationId, 0, "START_FAILED");
            throw notStarted;
        }
        LOG.info("Conversation started userId={} conversationId={} wallet={}", shopper.getName(), conversationId,
                wallet != null);
        return HttpResponse.created(new Started(conversationId, "ACTIVE"),
                URI.create("/api/conversations/" + conversationId));
    }

    /**
     * A conversation just started.
     *
     * @param status {@code ACTIVE}
     */
    @Serdeable
    record Started(UUID conversationId, String status) {
    }

    /**
     * The body of a spoken turn as the OpenAPI document describes it.
     *
     * @param audio a WAV file: 16 kHz, mono, 16-bit PCM
     */
    @Schema(name = "SpokenTurn")
    record SpokenTurn(
            @Schema(type = "string", format = "binary", maxLength = 2097152,
                    requiredMode = Schema.RequiredMode.REQUIRED) byte[] audio) {
    }

    /** The caller's conversations, newest first. */
    @Get
    @Operation(operationId = "listConversations")
    @Problems.BadRequest
    PageResponse<ConversationResponse.Summary> list(Authentication shopper,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        Paging paging = Paging.of(page, pageSize);
        return PageResponse.of(conversations.listForUser(shopper.getName(), paging.pageable()),
                ConversationResponse.Summary::of, paging);
    }

    /** The conversation with its live context and a page of its transcript (oldest turn first). */
    @Get("/{conversationId}{?page,pageSize}")
    @Operation(operationId = "getConversation")
    @Problems.BadRequest
    @Problems.NotFound
    ConversationResponse find(Authentication caller, @PathVariable UUID conversationId,
            @Nullable @QueryValue @Min(1) @Max(10_000) Integer page,
            @Nullable @QueryValue @Min(1) @Max(100) Integer pageSize) {
        ConversationRecord conversation = visible(caller, conversationId);
        Paging paging = Paging.of(page, pageSize);
        ConversationContext context = null;
        if (conversation.active()) {
            // Valkey first (written after every turn); the workflow is the source when the entry expired.
            context = contexts.find(conversationId).or(() -> workflows.context(conversation.workflowId())).orElse(null);
        }
        return ConversationResponse.of(conversation, context, PageResponse.of(
                conversations.transcript(conversationId, paging.pageable()), t -> t, paging));
    }

    /**
     * A typed turn: {@code {"text": "..."}}. The OpenAPI document shows both kinds of turn as one operation
     * ({@link #spoken}'s: an operation per path and method), so this one is hidden from it.
     */
    @Hidden
    @Post(uri = "/{conversationId}/turns{?speak,audioAs}", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<TurnResponse> typed(Authentication caller, @PathVariable UUID conversationId,
            @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey,
            @Nullable @QueryValue @Pattern(regexp = "^(true|false)$", message = "must be true or false") String speak,
            @Nullable @QueryValue @Pattern(regexp = "^(base64|url)$", message = "must be base64 or url") String audioAs,
            @Valid @Body TurnCommand command) {
        ConversationRecord conversation = owned(caller, conversationId);
        UUID turnId = turnId(conversationId, idempotencyKey);
        if ("true".equals(speak)) {
            requireSpeech();
        }
        return answer(conversation, new TurnInput(turnId, command.text().strip(), null, "true".equals(speak)), audioAs);
    }

    /**
     * A spoken turn: multipart part {@code audio}, a WAV file of 16 kHz, mono, 16-bit PCM. Its operation in the
     * OpenAPI document stands for typed turns too.
     */
    @Post(uri = "/{conversationId}/turns{?speak,audioAs}", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "takeTurn", summary = TURN_SUMMARY, description = TURN_DESCRIPTION)
    @Problems.NotImplemented
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TurnCommand.class),
                examples = @ExampleObject(name = "typed",
                        value = "{\"text\": \"Show me navy dresses for a wedding under 150 dollars\"}")),
        @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = SpokenTurn.class))
    })
    HttpResponse<TurnResponse> spoken(Authentication caller, @PathVariable UUID conversationId,
            @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER,
                    description = "a key of the client's choosing for this turn: the same key again answers it again",
                    schema = @Schema(type = "string", pattern = "^[A-Za-z0-9._:-]{8,200}$"))
            @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey,
            @Parameter(description = "`true`: speak the reply too",
                    schema = @Schema(allowableValues = {"true", "false"}))
            @Nullable @QueryValue @Pattern(regexp = "^(true|false)$", message = "must be true or false") String speak,
            @Parameter(description = "how a spoken reply comes: inline (`base64`, the default) or as a `url` to fetch",
                    schema = @Schema(allowableValues = {"base64", "url"}))
            @Nullable @QueryValue @Pattern(regexp = "^(base64|url)$", message = "must be base64 or url") String audioAs,
            @Part("audio") @Nullable CompletedFileUpload audio) {
        ConversationRecord conversation = owned(caller, conversationId);
        requireSpeech();
        byte[] bytes;
        try {
            bytes = audio == null ? new byte[0] : audio.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WavClip clip = WavClip.check(bytes, settings);
        UUID turnId = turnId(conversationId, idempotencyKey);
        AudioClip stored = this.audio.put(AudioClip.saidKey(conversationId, turnId), "wav", clip.bytes(),
                clip.durationMillis());
        return answer(conversation, new TurnInput(turnId, null, stored, "true".equals(speak)), audioAs);
    }

    /** The spoken reply of a turn, while it is kept (an hour). */
    @Get(uri = "/{conversationId}/turns/{turnId}/audio", produces = {"audio/wav", "audio/mpeg"})
    @Operation(operationId = "getTurnAudio")
    @Problems.BadRequest
    @Problems.NotFound
    HttpResponse<byte[]> replyAudio(Authentication caller, @PathVariable UUID conversationId, @PathVariable UUID turnId) {
        visible(caller, conversationId);
        AudioStore.Audio reply = audio.find(AudioClip.replyKey(conversationId, turnId)).orElseThrow(() ->
                new HttpStatusException(HttpStatus.NOT_FOUND, "No audio for turn " + turnId + " (replies are kept for an hour)"));
        return HttpResponse.ok(reply.bytes()).contentType(reply.mediaType());
    }

    /** Ends the conversation (after any turn in progress). 204, also when it had already ended. */
    @Delete("/{conversationId}")
    @Operation(operationId = "endConversation")
    @ApiResponse(responseCode = "204", description = "Ended, or ending once the turn in progress is answered")
    @Problems.BadRequest
    @Problems.NotFound
    HttpResponse<Void> end(Authentication caller, @PathVariable UUID conversationId) {
        ConversationRecord conversation = owned(caller, conversationId);
        if (conversation.active() && workflows.end(conversation.workflowId())) {
            LOG.info("Conversation end requested userId={} conversationId={}", caller.getName(), conversationId);
        }
        return HttpResponse.noContent();
    }

    private HttpResponse<TurnResponse> answer(ConversationRecord conversation, TurnInput input, @Nullable String audioAs) {
        var earlier = conversations.findTurn(conversation.id(), input.turnId());
        if (earlier.isPresent()) {
            return HttpResponse.ok(response(conversation.id(), earlier.get(), audioAs)).header("Idempotent-Replayed", "true");
        }
        if (!conversation.active()) {
            throw ended(conversation.id());
        }
        TurnResult result;
        try {
            result = workflows.turn(conversation.workflowId(), input, settings.turnTimeout());
        } catch (TimeoutException slow) {
            LOG.warn("Turn not answered within {} conversationId={} turn={}", settings.turnTimeout(), conversation.id(),
                    input.turnId());
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The stylist has not answered within "
                    + settings.turnTimeout().toSeconds() + " s; the turn goes on: retry it with the same Idempotency-Key");
        } catch (WorkflowUpdateException rejected) {
            // The validator refused it (ended) or the turn failed; the conversation decides.
            LOG.info("Turn refused conversationId={}: {}", conversation.id(), rootMessage(rejected));
            throw ended(conversation.id());
        } catch (WorkflowNotFoundException closed) {
            LOG.info("Turn on a closed conversation conversationId={}: {}", conversation.id(), rootMessage(closed));
            throw ended(conversation.id());
        } catch (WorkflowException unavailable) {
            LOG.warn("Turn not delivered conversationId={}: {}", conversation.id(), rootMessage(unavailable));
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The stylist is unavailable; retry the turn with the same Idempotency-Key");
        }
        LOG.info("Turn answered userId={} conversationId={} turn={} intent={} by={}", conversation.userId(),
                conversation.id(), result.number(), result.understanding().intent(), result.understanding().source());
        return HttpResponse.ok(response(conversation.id(), result, audioAs));
    }

    private TurnResponse response(UUID conversationId, TurnResult result, @Nullable String audioAs) {
        TurnResponse.Audio spoken = null;
        if (result.audio() != null) {
            AudioClip clip = result.audio();
            spoken = "url".equals(audioAs)
                    ? new TurnResponse.Audio(clip.format(), null,
                            "/api/conversations/" + conversationId + "/turns/" + result.turnId() + "/audio", clip.bytes(),
                            clip.durationMillis())
                    : audio.base64(clip.key()).map(base64 -> new TurnResponse.Audio(clip.format(), base64, null,
                            clip.bytes(), clip.durationMillis())).orElse(null);
        }
        return TurnResponse.of(result, spoken);
    }

    private void requireSpeech() {
        if (!settings.speechEnabled()) {
            throw new HttpStatusException(HttpStatus.NOT_IMPLEMENTED,
                    "Speech is not enabled on this deployment (styleshepherd.conversation.speech-enabled): send text turns");
        }
    }

    private static UUID turnId(UUID conversationId, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID();
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw FieldProblem.of(IDEMPOTENCY_KEY, "must be 8-200 letters, digits, '.', '_', ':' or '-' (a UUID is ideal)");
        }
        return ConversationWorkflows.turnId(conversationId, idempotencyKey);
    }

    /** The conversation if it is the caller's own (ops may read any); others' are 404, not 403. */
    private ConversationRecord visible(Authentication caller, UUID conversationId) {
        return conversations.find(conversationId)
                .filter(found -> caller.getName().equals(found.userId()) || caller.getRoles().contains(Roles.OPS))
                .orElseThrow(() -> notFound(conversationId));
    }

    /** Only the shopper talks in their conversation. */
    private ConversationRecord owned(Authentication caller, UUID conversationId) {
        return conversations.find(conversationId).filter(found -> caller.getName().equals(found.userId()))
                .orElseThrow(() -> notFound(conversationId));
    }

    private static HttpStatusException notFound(UUID conversationId) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "No conversation " + conversationId);
    }

    private static HttpStatusException ended(UUID conversationId) {
        return new HttpStatusException(HttpStatus.CONFLICT,
                "Conversation " + conversationId + " has ended: start a new one with POST /api/conversations");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
