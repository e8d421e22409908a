package com.styleshepherd.workflows.returnrisk;

/**
 * The shopper's past orders and returns, in units.
 *
 * @param returnedTooSmall units returned with reason TOO_SMALL
 * @param returnedTooLarge units returned with reason TOO_LARGE
 */
public record ReturnHistory(long unitsBought, long unitsReturned, long returnedTooSmall, long returnedTooLarge) {

    public static final ReturnHistory NONE = new ReturnHistory(0, 0, 0, 0);
}
