package io.xlj.xenstore;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One frame of the wire protocol: the 16-byte {@code struct xsd_sockmsg} header (type,
 * req_id, tx_id, len, in host byte order) followed by the payload.
 */
record XsMessage(int type, int reqId, int txId, byte[] payload) {
    static final int HEADER_SIZE = 16;
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Writes header and payload into {@code out}, which must have room. */
    void encode(ByteBuffer out) {
        out.order(ORDER);
        out.putInt(type).putInt(reqId).putInt(txId).putInt(payload.length).put(payload);
    }

    int frameSize() {
        return HEADER_SIZE + payload.length;
    }

    /** The payload as NUL-separated strings; a trailing NUL does not make an empty last field. */
    List<String> fields() {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                out.add(new String(payload, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < payload.length) {
            out.add(new String(payload, start, payload.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The payload as one string, without a trailing NUL. */
    String text() {
        int len = payload.length;
        if (len > 0 && payload[len - 1] == 0) {
            len--;
        }
        return new String(payload, 0, len, StandardCharsets.UTF_8);
    }
}
