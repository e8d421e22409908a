package com.styleshepherd.worker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.styleshepherd.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker process's lifecycle: polling while its context runs, stopped when it closes. */
class RegularWorkerTest {

    @Test
    void pollsWhileTheContextRunsAndStopsWithIt() {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.properties());
        RegularWorker worker;
        try (ApplicationContext context = ApplicationContext.run(properties, "worker", "test")) {
            worker = context.getBean(RegularWorker.class);
            assertTrue(worker.isPolling());
        }
        assertFalse(worker.isPolling(), "closing the context stops the worker");
    }
}
