package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/** {@code struct iovec} ({@code sys/uio.h}): one buffer of a sendmsg(2). */
@FieldOrder({"iov_base", "iov_len"})
public class iovec extends XenStructure {
    public Pointer iov_base;
    public long iov_len;
}
