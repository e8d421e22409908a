package com.styleshepherd.store.models;

import com.styleshepherd.store.returns.ReturnRecord;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * The SQL behind {@link TrainingData}: order lines {@code l} of orders {@code o} with their return {@code r},
 * if any, of delivered or completed orders only; each query reads rows of its own shape.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TrainingDataRepository extends GenericRepository<TrainingData.FitRow, Long> {

    /** Order lines with their orders and returns; more joins may follow. */
    String LINES = """
            FROM order_lines l
            JOIN orders o ON o.id = l.order_id
            LEFT JOIN returns r ON r.order_line_id = l.id
            """;

    /** The lines whose outcome is known: what is still on its way has none yet. */
    String DELIVERED = "WHERE o.status IN ('DELIVERED', 'COMPLETED')\n";

    @Query("SELECT p.weight_kg, coalesce(CAST(p.height_cm AS float8), 'NaN') AS height_cm, l.size\n"
            + LINES + "JOIN profiles p ON p.user_id = o.user_id\n" + DELIVERED + """
              AND (r.id IS NULL OR r.reason NOT IN ('TOO_SMALL', 'TOO_LARGE'))
              AND p.weight_kg IS NOT NULL
            ORDER BY l.id
            """)
    List<TrainingData.SizeRow> sizeRows();

    @Query("""
            SELECT o.user_id, l.product_id, l.size, l.category,
                   CASE r.reason WHEN 'TOO_SMALL' THEN 'small' WHEN 'TOO_LARGE' THEN 'large' ELSE 'fit' END AS fit
            """ + LINES + DELIVERED + """
              AND o.user_id IS NOT NULL
              AND (r.id IS NULL OR r.reason IN ('TOO_SMALL', 'TOO_LARGE'))
            ORDER BY l.id
            """)
    List<TrainingData.FitRow> fitRows();

    /**
     * Each line's latest prediction, when its features include every one of {@code required}, labelled with its
     * real outcome: it came back, or it was kept through a return window that has closed (the order's workflow
     * completed the order). A delivered line whose window is still open has no outcome yet.
     */
    @Query("SELECT DISTINCT ON (l.id) rp.features, " + ReturnRecord.CAME_BACK + " AS returned\n" + LINES
            + "JOIN return_predictions rp ON rp.checkout_id = o.checkout_id AND rp.line_no = l.line_no\n"
            + "WHERE (o.status = 'COMPLETED' OR " + ReturnRecord.CAME_BACK + ")\n" + """
              AND jsonb_exists_all(rp.features, :required)
            ORDER BY l.id, rp.created_at DESC
            """)
    List<TrainingData.ReturnRow> returnRows(String[] required);
}
