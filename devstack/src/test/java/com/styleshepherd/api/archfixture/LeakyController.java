package com.styleshepherd.api.archfixture;

import ai.djl.ndarray.NDManager;
import com.styleshepherd.gpu.GpuWorker;
import io.lettuce.core.RedisClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;

/**
 * Breaks the module rules on purpose, so ArchitectureTest can show that its rules catch it: an api class
 * with its own JDBC and Lettuce, a model runtime, an embedded server and the GPU worker.
 */
public class LeakyController {

    public Object[] everything(Connection jdbc, RedisClient redis, NDManager model, EmbeddedPostgres server,
            GpuWorker worker) {
        return new Object[] {jdbc, redis, model, server, worker};
    }
}
