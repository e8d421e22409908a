package com.styleshepherd.temporal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;

/**
 * Clears the sticky attributes a worker attaches to each completed workflow task, so the server
 * always schedules the next task on the shared task queue.
 *
 * <p>The SDK always requests sticky execution, and the Temporal Java test server (the dev stack's
 * engine) never times out a sticky queue: after a worker dies, its workflows would wait forever
 * for it. A real Temporal server needs none of this; it is enabled only by
 * {@code temporal.sticky-execution=false}.
 */
final class NonStickyWorkflowTasks implements ClientInterceptor {

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
            MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
            @Override
            @SuppressWarnings("unchecked")
            public void sendMessage(ReqT message) {
                if (message instanceof RespondWorkflowTaskCompletedRequest completed
                        && completed.hasStickyAttributes()) {
                    message = (ReqT) completed.toBuilder().clearStickyAttributes().build();
                }
                super.sendMessage(message);
            }
        };
    }
}
