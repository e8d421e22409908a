package com.styleshepherd.workflows.conversation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Size advice for one shopper and product, on task queue {@code gpu} (where the size models run). */
@ActivityInterface
public interface SizeAdviceActivities {

    @ActivityMethod
    SizeAdvice adviseSize(String userId, long productId);

    /** The size model's full answer: a probability per offered size, confidence and explanation. */
    @ActivityMethod
    SizePrediction predictSize(String userId, long productId);
}
