package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.Structure.FieldOrder;

/** {@code struct msghdr} ({@code sys/socket.h}): the message of a sendmsg(2). */
@FieldOrder({"msg_name", "msg_namelen", "msg_iov", "msg_iovlen", "msg_control", "msg_controllen", "msg_flags"})
public class msghdr extends XenStructure {
    public Pointer msg_name;
    public int msg_namelen;
    public Pointer msg_iov;
    public long msg_iovlen;
    public Pointer msg_control;
    public long msg_controllen;
    public int msg_flags;
}
