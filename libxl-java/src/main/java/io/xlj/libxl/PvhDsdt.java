package io.xlj.libxl;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSDT of a PVH guest. libxl links in an AML blob ({@code dsdt_pvh}, compiled at Xen's
 * build time from libacpi's generator: processor objects for every possible vCPU); the
 * installed libxenlight exports it, so xlj hands the guest that very blob when the library
 * is there. Without it the guest gets a DSDT of our own with no objects: Linux then still
 * finds its CPUs in the MADT, but ACPI processor objects (CPU hotplug) are missing.
 */
final class PvhDsdt {

    private static final Logger LOG = LoggerFactory.getLogger(PvhDsdt.class);

    private static volatile byte[] cached;

    private PvhDsdt() {
    }

    static byte[] bytes() {
        byte[] b = cached;
        if (b == null) {
            b = load();
            cached = b;
        }
        return b.clone();
    }

    private static byte[] load() {
        try {
            NativeLibrary lib = NativeLibrary.getInstance("xenlight");
            Pointer lenAddr = lib.getGlobalVariableAddress("dsdt_pvh_len");
            Pointer data = lib.getGlobalVariableAddress("dsdt_pvh");
            int len = lenAddr.getInt(0);
            if (len < 36 || len > 64 * 1024) {
                throw new IllegalStateException("dsdt_pvh_len is " + len);
            }
            byte[] aml = data.getByteArray(0, len);
            if (!"DSDT".equals(new String(aml, 0, 4, StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("dsdt_pvh does not start with a DSDT header");
            }
            return aml;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.info("libxenlight's dsdt_pvh is not available ({}): the PVH guest gets an empty DSDT",
                    e.getMessage());
            return empty();
        }
    }

    /** A DSDT with a header and no objects (ACPI 2.0 revision, libacpi's OEM ids). */
    static byte[] empty() {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, "DSDT".getBytes(StandardCharsets.US_ASCII));
        b.putInt(4, 36);
        b.put(8, (byte) 2);
        b.put(10, "Xen".getBytes(StandardCharsets.US_ASCII));
        b.put(16, "HVM".getBytes(StandardCharsets.US_ASCII));
        b.putInt(28, PvhAcpiTables.ascii32("xlj "));
        b.put(9, PvhAcpiTables.checksum(b.array(), 0, 36));
        return b.array();
    }
}
