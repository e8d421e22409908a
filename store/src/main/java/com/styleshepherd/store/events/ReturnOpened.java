package com.styleshepherd.store.events;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The fields of a {@code ReturnOpened} event, the same whichever way the return was recorded. */
public final class ReturnOpened {

    private ReturnOpened() {
    }

    public static Map<String, Object> data(UUID returnId, UUID orderId, UUID lineId, String userId, int quantity,
            String reason) {
        Map<String, Object> data = new HashMap<>();
        data.put("returnId", returnId.toString());
        data.put("orderId", orderId.toString());
        data.put("lineId", lineId.toString());
        data.put("userId", userId);
        data.put("quantity", quantity);
        data.put("reason", reason);
        return data;
    }
}
