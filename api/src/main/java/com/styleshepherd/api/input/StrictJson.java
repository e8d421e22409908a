package com.styleshepherd.api.input;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.ReferencePath;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one place that decides what a JSON scalar may be, for every body the api reads (and everything else
 * this process decodes with Serde: its own cache entries and JSON columns, which it wrote itself).
 * Micronaut Serde 2.16 has no coercion switch: its decoder turns {@code 1.5} into {@code 1}, {@code "2"}
 * into {@code 2}, {@code true} into {@code 1} and {@code 12} into {@code "12"}. These deserializers take
 * the place of Serde's own for their types and refuse all of that:
 * <ul>
 *   <li>a whole number ({@code Integer}, {@code Long}, {@code int}, {@code long}) is a JSON number written
 *       without a fraction or an exponent, within the type's range. {@code 1.0} and {@code 1e0} are refused
 *       too: JSON Schema would call them integers, but the parser has already turned them into a
 *       {@code double} ({@code 1.0000000000000001} is {@code 1.0} by then), so any decimal point is refused
 *       rather than guessed at;</li>
 *   <li>a decimal ({@code BigDecimal}, {@code Double}) is a JSON number, never a string;</li>
 *   <li>a boolean is {@code true} or {@code false}, never {@code "true"}, {@code 1} or {@code "yes"};</li>
 *   <li>a string is a JSON string, never a number, boolean, object or array.</li>
 * </ul>
 * A refusal is a {@link RefusedJsonValue}: the api answers 400 problem+json naming the field's path
 * ({@code items[0].quantity}) before any controller runs, so nothing changes.
 *
 * <p>Serde's own have order 10 and the first by order wins; each of these has its own order, so that a
 * property of a shared supertype ({@code Number}) still resolves to exactly one.
 */
final class StrictJson {

    private StrictJson() {
    }

    /** A whole number in {@code [min, max]}. */
    abstract static class WholeNumber<T extends Number> implements Deserializer<T> {

        private final long min;
        private final long max;

        WholeNumber(long min, long max) {
            this.min = min;
            this.max = max;
        }

        abstract T of(long value);

        @Override
        public T deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                @NonNull Argument<? super T> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            Number value = node.isNumber() ? node.getNumberValue() : null;
            BigInteger whole = switch (value) {
                case Integer i -> BigInteger.valueOf(i);
                case Long l -> BigInteger.valueOf(l);
                case Short s -> BigInteger.valueOf(s);
                case Byte b -> BigInteger.valueOf(b);
                case BigInteger b -> b;
                case null -> throw new RefusedJsonValue("must be a whole number, not " + kind(node));
                default -> throw new RefusedJsonValue("must be a whole number, without a decimal point or exponent");
            };
            if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new RefusedJsonValue("must be a whole number from " + min + " to " + max);
            }
            return of(whole.longValue());
        }

        @Override
        public T getDefaultValue(@NonNull DecoderContext context, @NonNull Argument<? super T> type) {
            return type.isPrimitive() ? of(0) : null;
        }
    }

    /** {@code Integer} and {@code int}. */
    @Singleton
    @Order(-110)
    static final class Integers extends WholeNumber<Integer> {

        Integers() {
            super(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Override
        Integer of(long value) {
            return (int) value;
        }
    }

    /** {@code Long} and {@code long}. */
    @Singleton
    @Order(-109)
    static final class Longs extends WholeNumber<Long> {

        Longs() {
            super(Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Override
        Long of(long value) {
            return value;
        }
    }

    /**
     * A value of one JSON kind: the node is read whole, a node of another kind is refused naming what it was,
     * and {@link #value} turns the node into the Java value.
     */
    abstract static class OneKind<T> implements Deserializer<T> {

        private final Predicate<JsonNode> kind;
        private final String expected;
        private final T primitiveDefault;

        OneKind(Predicate<JsonNode> kind, String expected, T primitiveDefault) {
            this.kind = kind;
            this.expected = expected;
            this.primitiveDefault = primitiveDefault;
        }

        abstract T value(JsonNode node) throws RefusedJsonValue;

        @Override
        public T deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                @NonNull Argument<? super T> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (!kind.test(node)) {
                throw new RefusedJsonValue("must be " + expected + ", not " + kind(node));
            }
            return value(node);
        }

        @Override
        public T getDefaultValue(@NonNull DecoderContext context, @NonNull Argument<? super T> type) {
            return type.isPrimitive() ? primitiveDefault : null;
        }
    }

    /** {@code BigDecimal}: any JSON number (amounts, measurements), never a string. */
    @Singleton
    @Order(-108)
    static final class Decimals extends OneKind<BigDecimal> {

        Decimals() {
            super(JsonNode::isNumber, "a number", null);
        }

        @Override
        BigDecimal value(JsonNode node) throws RefusedJsonValue {
            return switch (node.getNumberValue()) {
                case BigDecimal decimal -> decimal;
                case BigInteger whole -> new BigDecimal(whole);
                case Double d when d.isInfinite() || d.isNaN() -> throw new RefusedJsonValue("is out of range");
                case Float f when f.isInfinite() || f.isNaN() -> throw new RefusedJsonValue("is out of range");
                // The shortest decimal that is this double: 49.9 stays 49.9.
                case Double d -> BigDecimal.valueOf(d);
                case Float f -> new BigDecimal(f.toString());
                case Number whole -> BigDecimal.valueOf(whole.longValue());
            };
        }
    }

    /** {@code Double} and {@code double}: any finite JSON number, never a string. */
    @Singleton
    @Order(-107)
    static final class Doubles extends OneKind<Double> {

        Doubles() {
            super(JsonNode::isNumber, "a number", 0.0);
        }

        @Override
        Double value(JsonNode node) throws RefusedJsonValue {
            double value = node.getDoubleValue();
            if (Double.isInfinite(value) || Double.isNaN(value)) {
                throw new RefusedJsonValue("is out of range");
            }
            return value;
        }
    }

    /** {@code Boolean} and {@code boolean}: {@code true} or {@code false} only. */
    @Singleton
    @Order(-106)
    static final class Booleans extends OneKind<Boolean> {

        Booleans() {
            super(JsonNode::isBoolean, "true or false", Boolean.FALSE);
        }

        @Override
        Boolean value(JsonNode node) {
            return node.getBooleanValue();
        }
    }

    /** {@code String}: a JSON string only. */
    @Singleton
    @Order(-105)
    static final class Strings extends OneKind<String> {

        Strings() {
            super(JsonNode::isString, "a string", null);
        }

        @Override
        String value(JsonNode node) {
            return node.getStringValue();
        }
    }

    /**
     * {@code List} of anything: each element through the deserializer of its type, so that the strict ones
     * above apply inside lists too. Serde's own reads a {@code List<String>} with a coercing shortcut
     * ({@code ["a", false]} becomes {@code ["a", "false"]}).
     */
    @Singleton
    @Order(-104)
    static final class Lists implements Deserializer<List<Object>> {

        @Override
        public Deserializer<List<Object>> createSpecific(@NonNull DecoderContext context,
                @NonNull Argument<? super List<Object>> type) throws SerdeException {
            Argument<?>[] parameters = type.getTypeParameters();
            @SuppressWarnings("unchecked")
            Argument<Object> element = parameters.length == 1 ? (Argument<Object>) parameters[0] : Argument.OBJECT_ARGUMENT;
            @SuppressWarnings("unchecked")
            Deserializer<Object> elements = (Deserializer<Object>) context.findDeserializer(element)
                    .createSpecific(context, element);
            return new Elements(elements, element);
        }

        @Override
        public List<Object> deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                @NonNull Argument<? super List<Object>> type) throws IOException {
            return createSpecific(context, type).deserialize(decoder, context, type);
        }

        private record Elements(Deserializer<Object> elements, Argument<Object> element) implements Deserializer<List<Object>> {

            @Override
            public List<Object> deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                    @NonNull Argument<? super List<Object>> type) throws IOException {
                Decoder array = decoder.decodeArray();
                List<Object> list = new ArrayList<>();
                while (array.hasNextArrayValue()) {
                    try {
                        list.add(elements.deserializeNullable(array, context, element));
                    } catch (SerdeException e) {
                        e.getPath().add(ReferencePath.ofCollection(List.class, element, list.size()));
                        throw e;
                    }
                }
                array.finishStructure();
                return list;
            }

            @Override
            public List<Object> getDefaultValue(@NonNull DecoderContext context,
                    @NonNull Argument<? super List<Object>> type) {
                return null;
            }
        }
    }

    /** What the client sent instead, in its words. */
    static String kind(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return node.getBooleanValue() ? "true" : "false";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
