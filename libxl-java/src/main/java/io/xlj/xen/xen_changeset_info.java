package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code xen_changeset_info_t}, the {@code XENVER_changeset} answer ({@code xen/version.h}): a {@code char[64]}
 * typedef, mirrored as a one-member struct so that its size is checked like any other.
 */
@FieldOrder({"info"})
public class xen_changeset_info extends XenStructure {
    public byte[] info = new byte[64];
}
