package com.styleshepherd.store.embedding;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A product written as the one text the text model embeds: name, category, colour, brand, the
 * attribute values (material, fit, occasions...) and the description, most telling first — the model
 * reads at most 256 tokens, so a long description is what gets cut.
 */
public final class ProductText {

    private ProductText() {
    }

    public static String of(String name, String category, String color, String brand,
            Map<String, Object> attributes, String description) {
        StringJoiner text = new StringJoiner(". ");
        text.add(name);
        text.add(category.replace('-', ' '));
        if (color != null && !color.isBlank()) {
            text.add(color);
        }
        if (brand != null && !brand.isBlank()) {
            text.add(brand);
        }
        StringJoiner values = new StringJoiner(", ");
        attributes.forEach((key, value) -> {
            if (value instanceof Collection<?> list) {
                list.forEach(item -> values.add(String.valueOf(item)));
            } else if (value != null) {
                values.add(String.valueOf(value));
            }
        });
        if (values.length() > 0) {
            text.add(values.toString());
        }
        if (description != null && !description.isBlank() && !description.equals(name)) {
            text.add(description);
        }
        return text.toString();
    }
}
