/**
 * What the OpenAPI document (micronaut-openapi, at compile time) needs beyond the controllers' own annotations:
 * <ul>
 *   <li>{@link com.styleshepherd.api.docs.Problems}: the error responses, declared once per status and bundled
 *       per kind of controller ({@code @Problems.Shopper}, {@code @Problems.Ops}, {@code @Problems.Public}) and
 *       for operations with a body ({@code @Problems.Body});</li>
 *   <li>{@link com.styleshepherd.api.docs.ProblemDocument}: the {@code Problem} schema of their bodies;</li>
 *   <li>{@link com.styleshepherd.api.docs.JsonObject}: a {@code Map<String, Object>} field, whose members may be
 *       any JSON value.</li>
 * </ul>
 * A {@code @Nullable} field of an object type carries {@code @Schema(nullable = false)}: the API never writes
 * null (serde's inclusion is {@code non_absent}, so the field is left out) and a client leaves it out too, so the
 * document shows it optional rather than nullable. (OpenAPI 3.0 wants a {@code type} beside {@code nullable},
 * which micronaut-openapi writes as a second {@code allOf} member that typed clients read as an object without
 * properties.)
 */
package com.styleshepherd.api.docs;
