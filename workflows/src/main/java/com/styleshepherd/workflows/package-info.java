/**
 * Workflow and activity interfaces, their payload records and workflow implementations.
 *
 * <p>Code in this package tree runs inside Temporal workflows and must be deterministic: no I/O,
 * no clocks, no randomness except through {@code io.temporal.workflow.Workflow}. An ArchUnit test
 * in the api module fails the build when it reaches for JDBC, Lettuce, Stripe or DJL.
 */
package com.styleshepherd.workflows;
