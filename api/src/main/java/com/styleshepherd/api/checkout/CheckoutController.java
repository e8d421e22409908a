package com.styleshepherd.api.checkout;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.problem.FieldProblem;
import com.styleshepherd.api.security.Roles;
import com.styleshepherd.store.checkout.CheckoutDetails;
import com.styleshepherd.store.checkout.CheckoutDetailsStore;
import com.styleshepherd.store.checkout.CheckoutOpener;
import com.styleshepherd.store.checkout.CheckoutRecord;
import com.styleshepherd.store.checkout.CheckoutStore;
import com.styleshepherd.workflows.checkout.CheckoutStatus;
import com.styleshepherd.workflows.checkout.CheckoutWorkflow;
import com.styleshepherd.workflows.checkout.Purchase;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.client.WorkflowUpdateException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shopper's checkouts. Starting one is idempotent on the {@code Idempotency-Key} header: the same
 * key and body give the same checkout (and {@code Idempotent-Replayed: true}), never a second workflow.
 * Keys are per shopper: another shopper's use of the same key is another checkout.
 */
@Controller("/api/checkouts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class CheckoutController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,200}");
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutController.class);

    private final CheckoutStore checkouts;
    private final CheckoutDetailsStore details;
    private final CheckoutOpener opener;
    private final CheckoutWorkflows workflows;

    CheckoutController(CheckoutStore checkouts, CheckoutDetailsStore details, CheckoutOpener opener,
            CheckoutWorkflows workflows) {
        this.checkouts = checkouts;
        this.details = details;
        this.opener = opener;
        this.workflows = workflows;
    }

    /**
     * Starts a checkout: 202 with its state and {@code Location}. 422 when the key was used for another
     * request or a line names an unknown product or size; 409 when stock is short (nothing is charged).
     */
    @Post
    @Operation(operationId = "startCheckout")
    @ApiResponse(responseCode = "202", description = "The checkout, started (or, for a key used before, as it is now)",
            useReturnTypeSchema = true, headers = {
                @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "the checkout's URL",
                        schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(name = REPLAYED,
                        description = "`true` when the key was used before: no new checkout",
                        schema = @Schema(type = "string"))
            })
    @Problems.Body
    @Problems.Conflict
    @Problems.Unprocessable
    HttpResponse<CheckoutResponse> start(
            Authentication shopper,
            @Parameter(description = "a key of the client's choosing, new for each checkout (a UUID is ideal); the "
                    + "same key and body again answer the same checkout",
                    schema = @Schema(pattern = "^[A-Za-z0-9._:-]{8,200}$"))
            @Header(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @Body CheckoutCommand command) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw FieldProblem.of(IDEMPOTENCY_KEY,
                    "header is required: 8-200 letters, digits, '.', '_', ':' or '-' (a UUID is ideal)");
        }
        command.checkNoDuplicateLines();
        Purchase purchase = command.toPurchase();
        String key = CheckoutWorkflow.shopperKey(shopper.getName(), idempotencyKey);
        return switch (opener.open(shopper.getName(), key, purchase)) {
            case CheckoutOpener.Opened opened when !opened.created() ->
                    replay(opened.checkout(), purchase.hash(shopper.getName()));
            case CheckoutOpener.Opened opened -> {
                CheckoutRecord checkout = opened.checkout();
                workflows.start(checkout, opened.cart());
                LOG.info("Checkout started userId={} checkoutId={} workflowId={} total={} {}", shopper.getName(),
                        checkout.id(), checkout.workflowId(), opened.cart().total(), opened.cart().currency());
                // Just opened: no payment, order or risk yet, so the record is the whole answer.
                yield HttpResponse.accepted(location(checkout.id()))
                        .body(CheckoutResponse.of(new CheckoutDetails(checkout, null, null, null)));
            }
            case CheckoutOpener.Unavailable unavailable -> throw FieldProblem.of(HttpStatus.UNPROCESSABLE_ENTITY,
                    "items[" + unavailable.itemIndex() + "]." + unavailable.field(), unavailable.message());
            case CheckoutOpener.OutOfStock shortLine -> throw new HttpStatusException(HttpStatus.CONFLICT,
                    "Not enough stock for items[" + (shortLine.lineNumber() - 1) + "]: nothing was reserved or charged");
        };
    }

    /** A checkout of the caller's (ops: anyone's), with its payment, order and return risk once known. */
    @Get("/{checkoutId}")
    @Operation(operationId = "getCheckout")
    @Problems.BadRequest
    @Problems.NotFound
    CheckoutResponse find(Authentication caller, @PathVariable UUID checkoutId) {
        return CheckoutResponse.of(visible(caller, checkoutId));
    }

    /**
     * Tries another payment method on a declined checkout. Answers once the attempt settled: the checkout
     * is then COMPLETED, PAYMENT_ACTION_REQUIRED or PAYMENT_DECLINED again. 409 unless it is waiting for one.
     */
    @Post("/{checkoutId}/payment-method")
    @Operation(operationId = "retryCheckoutPayment")
    @Problems.Body
    @Problems.NotFound
    @Problems.Conflict
    CheckoutResponse retryPayment(Authentication caller, @PathVariable UUID checkoutId,
            @Valid @Body PaymentMethodCommand command) {
        CheckoutDetails checkout = visible(caller, checkoutId);
        if (checkout.checkout().status() != CheckoutStatus.PAYMENT_DECLINED) {
            throw notWaiting(checkout.checkout().status());
        }
        try {
            workflows.retryPayment(checkout.checkout().workflowId(), command.paymentMethod());
        } catch (WorkflowUpdateException refused) {
            // The workflow is the judge: it may have timed out or taken another card a moment ago.
            throw notWaiting(checkouts.find(checkoutId).orElseThrow().status());
        }
        LOG.info("Payment retried userId={} checkoutId={}", caller.getName(), checkoutId);
        return CheckoutResponse.of(details.find(checkoutId).orElseThrow());
    }

    private HttpResponse<CheckoutResponse> replay(CheckoutRecord checkout, String hash) {
        if (!checkout.requestHash().equals(hash)) {
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Idempotency-Key was already used for a different checkout request; use a new key");
        }
        // A crash between saving the checkout and starting its workflow is healed by the client's retry (or
        // within a minute by the stock-hold sweep); the workflow prices the cart again.
        if (checkout.status() == CheckoutStatus.PENDING && checkout.firstRunId() == null
                && workflows.start(checkout, null)) {
            LOG.warn("Checkout {} had no workflow; started it on replay", checkout.id());
        }
        MutableHttpResponse<CheckoutResponse> response = accepted(checkout.id());
        return response.header(REPLAYED, "true");
    }

    private MutableHttpResponse<CheckoutResponse> accepted(UUID checkoutId) {
        return HttpResponse.accepted(location(checkoutId))
                .body(CheckoutResponse.of(details.find(checkoutId).orElseThrow()));
    }

    private static URI location(UUID checkoutId) {
        return URI.create("/api/checkouts/" + checkoutId);
    }

    /** The checkout if the caller may see it: their own, or any for ops. Others' are 404, not 403. */
    private CheckoutDetails visible(Authentication caller, UUID checkoutId) {
        return details.find(checkoutId)
                .filter(found -> caller.getName().equals(found.checkout().userId())
                        || caller.getRoles().contains(Roles.OPS))
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "No checkout " + checkoutId));
    }

    private static HttpStatusException notWaiting(CheckoutStatus status) {
        return new HttpStatusException(HttpStatus.CONFLICT,
                "The checkout is " + status + ": it is not waiting for another payment method");
    }
}
