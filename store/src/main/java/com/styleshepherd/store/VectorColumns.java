package com.styleshepherd.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;

/** Vectors kept in {@code REAL[]} columns (product and memory embeddings). */
public final class VectorColumns {

    private VectorColumns() {
    }

    /** A {@code float4[]} parameter holding the vector. */
    public static Array write(Connection connection, float[] vector) throws SQLException {
        Float[] boxed = new Float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            boxed[d] = vector[d];
        }
        return connection.createArrayOf("float4", boxed);
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
