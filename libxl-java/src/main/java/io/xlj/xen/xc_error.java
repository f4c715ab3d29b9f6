package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/** {@code xc_error} ({@code xenctrl.h}): what {@code xc_get_last_error} points at. */
@FieldOrder({"code", "message"})
public class xc_error extends XenStructure {
    /** {@code enum xc_error_code}: 0 none, 1 internal, 2 invalid kernel, 3 invalid param, 4 out of memory. */
    public int code;
    /** {@code XC_MAX_ERROR_MSG_LEN} = 1024. */
    public byte[] message = new byte[1024];

    public xc_error() {
        super();
    }

    public xc_error(Pointer p) {
        super(p);
        read();
    }
}
