package com.styleshepherd.gpu.conversation;

import com.styleshepherd.gpu.models.ModelRegistry;
import com.styleshepherd.gpu.sizing.SizePredictor;
import com.styleshepherd.store.checkout.ReturnRiskData;
import com.styleshepherd.workflows.conversation.SizeAdvice;
import com.styleshepherd.workflows.conversation.SizeAdviceActivities;
import com.styleshepherd.workflows.conversation.SizePrediction;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

/**
 * Size advice for conversations and {@code POST /api/size-prediction}: {@link SizePredictor} with the
 * promoted size and fit models ({@link ModelRegistry}), the size chart where no model can tell.
 */
@Singleton
public class SizeAdviceActivitiesImpl implements SizeAdviceActivities {

    private final ReturnRiskData data;
    private final ModelRegistry models;

    SizeAdviceActivitiesImpl(ReturnRiskData data, ModelRegistry models) {
        this.data = data;
        this.models = models;
    }

    @Override
    public SizeAdvice adviseSize(String userId, long productId) {
        SizePrediction prediction = predictSize(userId, productId);
        return new SizeAdvice(productId, prediction.recommendedSize(),
                prediction.recommendedSize() == null ? prediction.explanation() : String.join(" and ", prediction.reasons()),
                prediction.sources());
    }

    @Override
    public SizePrediction predictSize(String userId, long productId) {
        ReturnRiskData.FitQuestion question = data.fitQuestion(userId, productId).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("No product " + productId, "PRODUCT_NOT_FOUND"));
        return SizePredictor.predict(userId, question.shopper(), question.product(), models.size(), models.fit());
    }
}
