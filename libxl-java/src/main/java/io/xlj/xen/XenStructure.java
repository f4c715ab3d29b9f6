package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * Base of every mirrored Xen C struct. Subclasses are named exactly after the C struct
 * (or typedef) they mirror, so that the layout test can match each one with the numbers
 * the C compiler prints for the installed headers.
 *
 * <p>All structs use the platform's default alignment: Xen's {@code uint64_aligned_t} is
 * 8-byte aligned, which is the natural alignment of a 64-bit field on x86_64.
 */
public abstract class XenStructure extends Structure {

    protected XenStructure() {
        super();
    }

    protected XenStructure(Pointer p) {
        super(p);
    }

    /** Offset of a field as JNA lays it out; public so the layout test can compare it. */
    public final int offsetOf(String field) {
        return fieldOffset(field);
    }
}
