package com.styleshepherd.activities.conversation;

import com.styleshepherd.temporal.WorkerRegistration;
import com.styleshepherd.workflows.TaskQueues;
import com.styleshepherd.workflows.conversation.ConversationWorkflowImpl;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import java.util.List;

/** The conversation workflow, its language and shop activities, on task queue {@code conversation}. */
@Factory
@Requires(property = "styleshepherd.worker.enabled", value = "true")
class ConversationWorkerRegistration {

    @Bean
    @Named("conversation")
    WorkerRegistration conversationRegistration(StylistActivitiesImpl stylist, ShopperActivitiesImpl shop) {
        return new WorkerRegistration(TaskQueues.CONVERSATION, List.of(ConversationWorkflowImpl.class),
                List.of(stylist, shop));
    }
}
