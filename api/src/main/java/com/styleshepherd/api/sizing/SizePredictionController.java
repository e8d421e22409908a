package com.styleshepherd.api.sizing;

import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.store.catalog.ProductCatalog;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.conversation.SizePrediction;
import com.styleshepherd.workflows.conversation.SizePredictionWorkflow;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/size-prediction {"productId"}}: a probability for each size the product is sold in,
 * for the caller, with the recommended size, its confidence and an explanation. The models run on the gpu
 * pool (a {@link SizePredictionWorkflow} on task queue {@code gpu}): the learned size model on height and
 * weight, the fit model on past purchases and returns, the size chart on measurements when neither can tell.
 */
@Controller("/api/size-prediction")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Shopper
class SizePredictionController {

    private static final Logger LOG = LoggerFactory.getLogger(SizePredictionController.class);
    /** A prediction is a few milliseconds of work; waiting longer means no gpu worker is serving. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ProductCatalog catalog;
    private final WorkflowClient client;

    SizePredictionController(ProductCatalog catalog, WorkflowClient client) {
        this.catalog = catalog;
        this.client = client;
    }

    /**
     * Which size of a product should fit the caller, from their measurements, usual sizes, past orders and returns
     * (the size and fit models on the gpu workers), with the probability of each size and why.
     */
    @Post
    @Operation(operationId = "predictSize")
    @Problems.Body
    @Problems.NotFound
    SizePredictionResponse predict(Principal shopper, @Body @Valid SizePredictionCommand command) {
        long productId = command.productId();
        if (catalog.find(productId).isEmpty()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "No product with id " + productId);
        }
        SizePredictionWorkflow workflow = client.newWorkflowStub(SizePredictionWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(SizePredictionWorkflow.workflowId(UUID.randomUUID().toString()))
                .setTaskQueue(TaskQueues.GPU)
                .setWorkflowExecutionTimeout(TIMEOUT)
                .build());
        try {
            SizePrediction prediction = workflow.predict(shopper.getName(), productId);
            LOG.info("Size predicted productId={} size={} confidence={} sources={}", productId,
                    prediction.recommendedSize(), String.format(java.util.Locale.ROOT, "%.3f", prediction.confidence()),
                    prediction.sources());
            return SizePredictionResponse.of(prediction);
        } catch (WorkflowException e) {
            LOG.warn("Size prediction failed productId={}: {}", productId, e.toString());
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The size models did not answer in time; try again shortly");
        }
    }
}
