package com.styleshepherd.payments;

/**
 * A refund the provider made (or is making): {@code pending} counts as made, the provider completes it.
 *
 * @param id the provider's refund id ({@code re_...})
 * @param amount in minor units
 */
public record ProviderRefund(String id, long amount, String status) {
}
