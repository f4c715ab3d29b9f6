package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code xen_commandline_t}, the {@code XENVER_commandline} answer ({@code xen/version.h}): a {@code char[1024]}
 * typedef, mirrored as a one-member struct so that its size is checked like any other.
 */
@FieldOrder({"commandline"})
public class xen_commandline extends XenStructure {
    public byte[] commandline = new byte[1024];
}
