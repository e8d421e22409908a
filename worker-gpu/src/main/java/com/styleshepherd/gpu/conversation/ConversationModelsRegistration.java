package com.styleshepherd.gpu.conversation;

import com.styleshepherd.gpu.speech.SpeechActivitiesImpl;
import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/** The conversation's model work on task queue {@code gpu}: search and memories, size advice, speech. */
@Factory
@Requires(property = "styleshepherd.gpu-worker.enabled", value = "true")
class ConversationModelsRegistration {

    @Bean
    @Named("conversation-models")
    WorkerRegistration conversationModels(DiscoveryActivitiesImpl discovery, SizeAdviceActivitiesImpl sizing,
            SpeechActivitiesImpl speech) {
        return new WorkerRegistration(TaskQueues.GPU, List.of(), List.of(discovery, sizing, speech));
    }
}
