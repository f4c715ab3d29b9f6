package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/** {@code struct sockaddr_un} ({@code sys/un.h}): a Unix socket's address, for connect(2). */
@FieldOrder({"sun_family", "sun_path"})
public class sockaddr_un extends XenStructure {
    public short sun_family;
    public byte[] sun_path = new byte[108];
}
