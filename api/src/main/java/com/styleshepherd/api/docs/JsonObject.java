package com.styleshepherd.api.docs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code Map<String, Object>} field: the OpenAPI document shows a JSON object whose members may be any JSON
 * value ({@code additionalProperties: true}), as the field takes and gives. micronaut-openapi would otherwise say
 * every member is itself an object.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public @interface JsonObject {
}
