package com.styleshepherd.api.infrastructure;

import com.styleshepherd.api.docs.ProblemDocument;
import com.styleshepherd.api.docs.Problems;
import com.styleshepherd.api.problem.ProblemBody;
import com.styleshepherd.api.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * What the shop runs on, for ops: the Vultr account, managed databases (with usage) and Valkey, instances
 * (GPU ones marked), Kubernetes clusters and their node pools, and a summary of what needs looking at. Vultr
 * is read at most once per {@code styleshepherd.vultr.cache-ttl} (60 s); {@code fetchedAt} and
 * {@code cacheAgeSeconds} say how fresh the answer is. Without a key: 200, {@code "configured": false}, and the
 * servers this process uses. Vultr refusing the key is a 502; Vultr's rate limit, or no answer within
 * {@code styleshepherd.vultr.timeout} (2 s), a 503 with {@code Retry-After}.
 */
@Controller("/api/ops/infrastructure")
@Secured(Roles.OPS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Problems.Ops
@ApiResponse(responseCode = "502",
        description = "Vultr refused the API key (`/problems/infrastructure-provider-refused-key`: 401 or 403, check "
                + "`VULTR_API_KEY`) or gave an answer that cannot be used "
                + "(`/problems/infrastructure-provider-bad-answer`); `detail` names the call and Vultr's status",
        content = @Content(mediaType = ProblemBody.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
class OpsInfrastructureController {

    private final InfrastructureView view;

    OpsInfrastructureController(InfrastructureView view) {
        this.view = view;
    }

    @Get
    @Operation(operationId = "opsInfrastructure", summary = "The infrastructure the shop runs on",
            description = "Vultr's account, managed databases with their disk, memory and CPU use, managed Valkey, "
                    + "compute and GPU instances, and Kubernetes clusters with their node pools and nodes, as Vultr "
                    + "reported them at `fetchedAt` (kept for 60 s: `cacheAgeSeconds`). Without a Vultr key, "
                    + "`configured` is false and `localComponents` lists PostgreSQL, Valkey and Temporal as this api "
                    + "reaches them, with their health. A 503 from Vultr being unreachable or rate-limited (type "
                    + "`/problems/infrastructure-provider-unavailable`) carries `Retry-After`.")
    InfrastructureInventory inventory() {
        return view.inventory();
    }

    @Get("/summary")
    @Operation(operationId = "opsInfrastructureSummary", summary = "Counts and health of the infrastructure",
            description = "How many databases, Valkey, instances (GPU ones), clusters, node pools and nodes there "
                    + "are, and `issues`: what is not serving, a managed database at or over the usage threshold "
                    + "(85 %: disk, memory or CPU), a node pool with fewer active nodes than it should have. "
                    + "`healthy` is true when there is no issue. Without a Vultr key, the issues are the local "
                    + "components that are not UP.")
    InfrastructureSummary summary() {
        return view.summary();
    }
}
