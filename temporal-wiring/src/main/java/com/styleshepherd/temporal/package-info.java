/**
 * The Temporal wiring every process shares: one {@code WorkflowClient}, and the worker lifecycle
 * that the regular and GPU worker modules each start for their task queues.
 */
package com.styleshepherd.temporal;
