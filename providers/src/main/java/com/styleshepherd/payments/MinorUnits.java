package com.styleshepherd.payments;

import java.math.BigDecimal;
import java.util.Currency;

/** Amounts as payment providers want them: integers in the currency's smallest unit (cents, yen). */
final class MinorUnits {

    private MinorUnits() {
    }

    static long of(BigDecimal amount, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return amount.movePointRight(Math.max(digits, 0)).longValueExact();
    }
}
