package com.styleshepherd.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Flyway migrations, applied to an empty database of a real PostgreSQL server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationsTest {

    private String url;
    private MigrateResult firstRun;

    @BeforeAll
    void migrateEmptyDatabase() {
        url = TestInfrastructure.createDatabase("migrations");
        firstRun = flyway().migrate();
    }

    @Test
    void applyToAnEmptyDatabaseAndAgainAsANoOp() {
        assertTrue(firstRun.success);
        assertTrue(firstRun.migrationsExecuted >= 1, "migrations executed: " + firstRun.migrationsExecuted);
        MigrateResult secondRun = flyway().migrate();
        assertEquals(0, secondRun.migrationsExecuted);
        assertEquals(0, flyway().validateWithResult().invalidMigrations.size());
    }

    @Test
    void createEveryTableTheBackendNeeds() throws SQLException {
        Set<String> expected = Set.of("products", "product_sizes", "product_embeddings", "users", "profiles",
                "checkouts", "stock_reservations", "payments", "orders", "order_lines", "return_predictions",
                "returns", "stripe_webhook_events", "conversations", "conversation_turns", "memories",
                "embedding_jobs", "catalog_imports", "model_versions");
        Set<String> tables = new TreeSet<>(strings(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
        assertTrue(tables.containsAll(expected), "missing: " + difference(expected, tables));
    }

    @Test
    void keepMoneyInExactDecimalsNextToACurrency() throws SQLException {
        List<String> floating = strings("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('real', 'double precision', 'money')""");
        assertEquals(List.of(), floating, "floating-point or money-typed columns");
        List<String> amounts = strings("""
                SELECT table_name || '.' || column_name || ':' || data_type || '(' || numeric_precision || ',' || numeric_scale || ')'
                FROM information_schema.columns WHERE table_schema = 'public'
                  AND column_name IN ('price', 'amount', 'unit_price', 'line_total', 'subtotal', 'total')
                ORDER BY 1""");
        assertTrue(amounts.size() >= 8, "money columns: " + amounts);
        amounts.forEach(column -> assertTrue(column.endsWith(":numeric(12,2)"), column));
    }

    @Test
    void rejectRowsThatBreakTheShopsRules() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO products (sku, name, description, category, price, currency)
                    VALUES ('RULES-1', 'Coat', 'Warm', 'outerwear', 10.00, 'USD')""");
            assertViolates(statement, CHECK_VIOLATION, "negative price", """
                    INSERT INTO products (sku, name, description, category, price, currency)
                    VALUES ('RULES-2', 'Coat', 'Warm', 'outerwear', -1.00, 'USD')""");
            assertViolates(statement, UNIQUE_VIOLATION, "duplicate SKU", """
                    INSERT INTO products (sku, name, description, category, price, currency)
                    VALUES ('RULES-1', 'Coat', 'Warm', 'outerwear', 1.00, 'USD')""");
            assertViolates(statement, CHECK_VIOLATION, "negative stock", """
                    INSERT INTO product_sizes (product_id, size, position, stock)
                    SELECT id, 'M', 0, -1 FROM products WHERE sku = 'RULES-1'""");
            // CHECK constraints are evaluated before foreign keys, so the reason is what fails here.
            assertViolates(statement, CHECK_VIOLATION, "unknown return reason", """
                    INSERT INTO returns (id, order_id, order_line_id, quantity, reason)
                    VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1, 'CHANGED_MIND')""");
            assertViolates(statement, CHECK_VIOLATION, "lower-case currency", """
                    INSERT INTO products (sku, name, description, category, price, currency)
                    VALUES ('RULES-3', 'Coat', 'Warm', 'outerwear', 1.00, 'usd')""");
        }
    }

    private static final String CHECK_VIOLATION = "23514";
    private static final String UNIQUE_VIOLATION = "23505";

    private static void assertViolates(Statement statement, String sqlState, String rule, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> statement.execute(sql), rule);
        assertEquals(sqlState, e.getSQLState(), rule + ": " + e.getMessage());
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(url, TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword())
                .locations("classpath:db/migration")
                .load();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static Set<String> difference(Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        return missing;
    }
}
