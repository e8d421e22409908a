package com.styleshepherd.payments;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The refunds of one simulated intent, so the simulator refuses more than the intent took. */
@Serdeable
record SimulatedRefunds(List<SimulatedRefund> refunds) {

    long total() {
        return refunds.stream().mapToLong(SimulatedRefund::amount).sum();
    }
}
