package com.styleshepherd.workflows.conversation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Size advice for one shopper and product, on task queue {@code gpu} (where the size models run). */
@ActivityInterface
public interface SizeAdviceActivities {

    @ActivityMethod
    SizeAdvice adviseSize(String userId, long productId);
}
