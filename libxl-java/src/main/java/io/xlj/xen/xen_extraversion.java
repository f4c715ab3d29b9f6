package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/**
 * {@code xen_extraversion_t}, the {@code XENVER_extraversion} answer ({@code xen/version.h}): a {@code char[16]}
 * typedef, mirrored as a one-member struct so that its size is checked like any other.
 */
@FieldOrder({"extraversion"})
public class xen_extraversion extends XenStructure {
    public byte[] extraversion = new byte[16];
}
