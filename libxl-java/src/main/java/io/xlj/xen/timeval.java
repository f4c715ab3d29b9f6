package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/** {@code struct timeval} ({@code sys/time.h}): a socket's receive timeout (SO_RCVTIMEO). */
@FieldOrder({"tv_sec", "tv_usec"})
public class timeval extends XenStructure {
    public long tv_sec;
    public long tv_usec;
}
