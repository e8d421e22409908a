package com.styleshepherd.gpu.conversation;

import com.styleshepherd.gpu.returnrisk.SizeAdvisor;
import com.styleshepherd.store.checkout.ReturnRiskData;
import com.styleshepherd.workflows.conversation.SizeAdvice;
import com.styleshepherd.workflows.conversation.SizeAdviceActivities;
import com.styleshepherd.workflows.returnrisk.LineSignals;
import com.styleshepherd.workflows.returnrisk.ShopperFit;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * Size advice for conversations: the shopper's usual size in the category when the product is sold in it,
 * else their measurements on the size chart ({@link SizeAdvisor}, the rule the return-risk model uses).
 */
@Singleton
class SizeAdviceActivitiesImpl implements SizeAdviceActivities {

    private final ReturnRiskData data;

    SizeAdviceActivitiesImpl(ReturnRiskData data) {
        this.data = data;
    }

    @Override
    public SizeAdvice adviseSize(String userId, long productId) {
        ReturnRiskData.FitQuestion question = data.fitQuestion(userId, productId).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("No product " + productId, "PRODUCT_NOT_FOUND"));
        LineSignals product = question.product();
        ShopperFit shopper = question.shopper();
        Optional<String> size = SizeAdvisor.recommend(product, shopper);
        if (size.isEmpty()) {
            return new SizeAdvice(productId, null, null);
        }
        String usual = shopper.usualSizes().get(product.category());
        String reason = usual != null && usual.toUpperCase(Locale.ROOT).equals(size.get())
                ? "your usual " + product.category() + " size"
                : "your measurements on our size chart";
        return new SizeAdvice(productId, size.get(), reason);
    }
}
