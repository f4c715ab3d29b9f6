package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code xen_capabilities_info_t}, the {@code XENVER_capabilities} answer ({@code xen/version.h}): a {@code char[1024]}
 * typedef, mirrored as a one-member struct so that its size is checked like any other.
 */
@FieldOrder({"info"})
public class xen_capabilities_info extends XenStructure {
    public byte[] info = new byte[1024];
}
