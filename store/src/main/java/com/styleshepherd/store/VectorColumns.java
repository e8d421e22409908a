package com.styleshepherd.store;

import java.sql.Array;
import java.sql.SQLException;

/** Vectors kept in {@code REAL[]} columns, as plain JDBC reads them (repositories map {@code float[]} themselves). */
public final class VectorColumns {

    private VectorColumns() {
    }

    /** The vector in a {@code REAL[]} column. */
    public static float[] read(Array array) throws SQLException {
        Object values = array.getArray();
        if (values instanceof float[] primitive) {
            return primitive;
        }
        Float[] boxed = (Float[]) values;
        float[] vector = new float[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            vector[i] = boxed[i];
        }
        return vector;
    }
}
