package com.styleshepherd.activities.conversation;

import com.styleshepherd.workflows.conversation.DialogueState;
import com.styleshepherd.workflows.conversation.ReplyRequest;
import com.styleshepherd.workflows.conversation.StylistActivities;
import com.styleshepherd.workflows.conversation.Understanding;
import jakarta.inject.Singleton;

/** The stylist's activities, on whichever {@link Stylist} is configured. */
@Singleton
class StylistActivitiesImpl implements StylistActivities {

    private final Stylist stylist;

    StylistActivitiesImpl(Stylist stylist) {
        this.stylist = stylist;
    }

    @Override
    public Understanding understand(String text, DialogueState state) {
        return stylist.understand(text, state);
    }

    @Override
    public String compose(ReplyRequest request) {
        return stylist.compose(request);
    }
}
