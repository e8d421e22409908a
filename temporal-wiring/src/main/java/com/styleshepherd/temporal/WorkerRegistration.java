package com.styleshepherd.temporal;

import java.util.List;

/**
 * What one module contributes to the worker of one task queue: workflow implementation types and
 * activity implementation instances. Each is a bean; the worker of that task queue collects them.
 *
 * @param taskQueue the queue these run on, one of {@link com.styleshepherd.workflows.TaskQueues}
 * @param workflowImplementationTypes workflow implementation classes
 * @param activityImplementations activity implementation objects (stateless, thread-safe)
 */
public record WorkerRegistration(
        String taskQueue, List<Class<?>> workflowImplementationTypes, List<Object> activityImplementations) {

    public WorkerRegistration {
        workflowImplementationTypes = List.copyOf(workflowImplementationTypes);
        activityImplementations = List.copyOf(activityImplementations);
    }
}
