package com.styleshepherd.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.List;

/**
 * Registers custom search attributes on a Temporal cluster, for the engines this backend starts
 * itself (the dev stack's and the tests'). A real cluster's are registered once by its operators
 * (deploy/README.md).
 */
public final class SearchAttributeRegistration {

    private SearchAttributeRegistration() {
    }

    /** Registers the keys in the namespace; keys already registered are left as they are. */
    public static void register(String target, String namespace, List<SearchAttributeKey<?>> keys) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
        try {
            for (SearchAttributeKey<?> key : keys) {
                try {
                    operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .putSearchAttributes(key.getName(), key.getValueType())
                            .build());
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        } finally {
            operator.shutdown();
        }
    }
}
