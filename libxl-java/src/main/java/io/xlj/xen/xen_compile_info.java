package io.xlj.xen;

import com.sun.jna.Structure.FieldOrder;

/** {@code struct xen_compile_info}, the {@code XENVER_compile_info} answer ({@code xen/version.h}). */
@FieldOrder({"compiler", "compile_by", "compile_domain", "compile_date"})
public class xen_compile_info extends XenStructure {
    public byte[] compiler = new byte[64];
    public byte[] compile_by = new byte[16];
    public byte[] compile_domain = new byte[32];
    public byte[] compile_date = new byte[32];
}
