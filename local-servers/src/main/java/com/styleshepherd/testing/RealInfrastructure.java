package com.styleshepherd.testing;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;

/**
 * Implemented by a {@code @MicronautTest} class (with {@code @TestInstance(PER_CLASS)}) to run its
 * context against the shared real PostgreSQL, Redis and Temporal of {@link TestInfrastructure}.
 */
public interface RealInfrastructure extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        return TestInfrastructure.properties();
    }
}
