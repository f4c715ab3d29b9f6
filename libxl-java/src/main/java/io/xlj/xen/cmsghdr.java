package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code struct cmsghdr} ({@code sys/socket.h}): the header of one control message; its data
 * (CMSG_DATA) follows at {@code sizeof(struct cmsghdr)}, which is already aligned on x86_64.
 */
@FieldOrder({"cmsg_len", "cmsg_level", "cmsg_type"})
public class cmsghdr extends XenStructure {
    public long cmsg_len;
    public int cmsg_level;
    public int cmsg_type;
}
