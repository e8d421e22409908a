package com.styleshepherd.gpu.models;

import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.conversation.SizePredictionWorkflowImpl;
import com.styleshepherd.workflows.models.ModelTrainingWorkflowImpl;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/**
 * On task queue {@code gpu}: the model training workflow and its activities, and the size prediction
 * workflow (its activity is the size advice one, registered with the conversation's models).
 */
@Factory
@Requires(property = "styleshepherd.gpu-worker.enabled", value = "true")
class ModelTrainingRegistration {

    @Bean
    @Named("model-training")
    WorkerRegistration modelTraining(ModelTrainingActivitiesImpl training) {
        return new WorkerRegistration(TaskQueues.GPU,
                List.of(ModelTrainingWorkflowImpl.class, SizePredictionWorkflowImpl.class), List.of(training));
    }
}
