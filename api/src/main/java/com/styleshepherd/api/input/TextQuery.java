package com.styleshepherd.api.input;

/** What a free-text query parameter ({@code q}) must be, the same in Bean Validation and in the document. */
public final class TextQuery {

    /**
     * At least one character above U+0020, anywhere: not empty, not only spaces or control characters.
     * {@code [\s\S]} is any character in Java and in JSON Schema's (ECMA-262) regular expressions alike.
     */
    public static final String PATTERN = "^[\\s\\S]*[^\\x00-\\x20][\\s\\S]*$";

    private TextQuery() {
    }
}
