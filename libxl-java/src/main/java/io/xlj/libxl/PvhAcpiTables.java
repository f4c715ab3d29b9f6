package io.xlj.libxl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;

/**
 * The ACPI tables libxl 4.17 gives a PVH guest ({@code libxl__dom_load_acpi} with libacpi's
 * {@code acpi_build_tables}, no table flags): FACS, the PVH DSDT, a revision 1 FADT for the
 * RSDT and a revision 5 FADT for the XSDT (no PM timer, no VGA, no CMOS RTC, fixed power
 * and sleep buttons), a MADT with one local APIC per vCPU (APIC id 2 * vCPU), XSDT, RSDT,
 * and the RSDP, laid out as libxl lays them out: tables from one page above
 * ACPI_INFO_PHYSICAL_ADDRESS, the acpi_info page at that address, the RSDP after the tables
 * (or in the last 64 bytes below 1 MiB for a Linux kernel that does not declare
 * XENFEAT_linux_rsdp_unrestricted).
 */
final class PvhAcpiTables {

    /** One blob for {@code dom->acpi_modules[i]}. */
    record Module(byte[] data, long guestAddr) {
    }

    static final int PAGE = 4096;
    /** NUM_ACPI_PAGES of libxl_x86_acpi.c: room for the tables. */
    static final int NUM_ACPI_PAGES = 16;
    static final long INFO_ADDR = HvmMemoryLayout.ACPI_INFO_PHYSICAL_ADDRESS;
    static final long RSDP_BELOW_1M = 0x100000L - 64;

    static final int HEADER = 36;
    static final int FACS_SIZE = 64;
    static final int FADT10_SIZE = 116;
    static final int FADT5_SIZE = 268;
    static final int MADT_HEADER = 44;
    static final int MADT_LAPIC = 8;
    static final int MADT_IOAPIC = 12;
    static final int MADT_INTSRCOVR = 10;
    static final int RSDP_SIZE = 36;

    // The FADT of libacpi's static_tables.c (ioreq.h's V1 PM block addresses).
    static final int PM1A_EVT_BLK = 0xb000;
    static final int PM1A_CNT_BLK = 0xb004;
    static final int PM_TMR_BLK = 0xb008;
    static final int GPE0_BLK = 0xafe0;
    static final int FADT_FLAGS = 0x4 | 0x1 | 0x40 | 0x100 | 0x8000; // C1, WBINVD, FIX_RTC, TMR_VAL_EXT, platform clock
    static final int PWR_AND_SLP_BUTTON = 0x10 | 0x20;
    static final int NO_VGA_NO_CMOS_RTC = 0x4 | 0x20;
    static final long LAPIC_BASE = HvmMemoryLayout.LAPIC_BASE_ADDRESS;

    private PvhAcpiTables() {
    }

    /**
     * @param maxVcpus processors in the MADT (the domain's max_vcpu_id + 1)
     * @param online vCPUs whose local APIC is enabled
     * @param apic the config's apic (a single-vCPU guest without it gets no MADT)
     * @param rsdpAnywhere whether the RSDP may sit after the tables (not a Linux kernel, or one
     *        declaring XENFEAT_linux_rsdp_unrestricted)
     * @return modules 0 (RSDP), 1 (acpi_info page), 2 (the tables)
     */
    static List<Module> build(int maxVcpus, BitSet online, boolean apic, boolean rsdpAnywhere) {
        return build(maxVcpus, online, apic, rsdpAnywhere, PvhDsdt.bytes());
    }

    static List<Module> build(int maxVcpus, BitSet online, boolean apic, boolean rsdpAnywhere, byte[] dsdtAml) {
        Allocator mem = new Allocator(INFO_ADDR + PAGE, NUM_ACPI_PAGES * PAGE);
        ByteBuffer info = le(new byte[PAGE]);

        long facs = mem.alloc(FACS_SIZE, 64);
        mem.putInt(facs, ascii32("FACS"));
        mem.putInt(facs + 4, FACS_SIZE);
        mem.put(facs + 32, (byte) 1);

        long dsdt = mem.alloc(dsdtAml.length, 16);
        mem.put(dsdt, dsdtAml);

        long fadt10 = mem.alloc(FADT10_SIZE, 16);
        fadtBase(mem, fadt10, FADT10_SIZE, 1, true);
        mem.putInt(fadt10 + 36, (int) facs);
        mem.putInt(fadt10 + 40, (int) dsdt);
        mem.checksum(fadt10, 9, FADT10_SIZE);

        long fadt = mem.alloc(FADT5_SIZE, 16);
        fadtBase(mem, fadt, FADT5_SIZE, 5, false);
        mem.putInt(fadt + 36, (int) facs);
        mem.putInt(fadt + 40, (int) dsdt);
        mem.putShort(fadt + 109, (short) NO_VGA_NO_CMOS_RTC);
        gas(mem, fadt + 116, 1, 8, 0, 0xcf9); // reset_reg
        mem.put(fadt + 128, (byte) 6);        // reset_value
        mem.putLong(fadt + 132, facs);        // x_firmware_ctrl
        mem.putLong(fadt + 140, dsdt);        // x_dsdt
        gas(mem, fadt + 148, 1, 0x20, 0, PM1A_EVT_BLK);
        gas(mem, fadt + 172, 1, 0x10, 0, PM1A_CNT_BLK);
        mem.checksum(fadt, 9, FADT5_SIZE);

        long[] secondary = new long[0];
        if (maxVcpus > 1 || apic) {
            int size = MADT_HEADER + MADT_INTSRCOVR * 16 + MADT_IOAPIC + MADT_LAPIC * maxVcpus;
            long madt = mem.alloc(size, 16);
            header(mem, madt, "APIC", 2);
            mem.putInt(madt + 36, (int) LAPIC_BASE);
            mem.putInt(madt + 40, 1); // PCAT_COMPAT
            long lapic = madt + MADT_HEADER;
            info.putShort(2, (short) maxVcpus);
            info.putInt(16, (int) lapic);
            for (int i = 0; i < maxVcpus; i++, lapic += MADT_LAPIC) {
                mem.put(lapic, (byte) 0);
                mem.put(lapic + 1, (byte) MADT_LAPIC);
                mem.put(lapic + 2, (byte) i);
                mem.put(lapic + 3, (byte) (2 * i));
                mem.putInt(lapic + 4, online.get(i) ? 1 : 0);
            }
            int length = (int) (lapic - madt);
            mem.putInt(madt + 4, length);
            mem.checksum(madt, 9, length);
            info.putInt(12, (int) (madt + 9));
            secondary = new long[] {madt};
        }

        long xsdt = mem.alloc(HEADER + 8 + 8 * secondary.length, 16);
        header(mem, xsdt, "XSDT", 1);
        mem.putLong(xsdt + HEADER, fadt);
        for (int i = 0; i < secondary.length; i++) {
            mem.putLong(xsdt + HEADER + 8 * (i + 1), secondary[i]);
        }
        int xsdtLength = HEADER + 8 * (secondary.length + 1);
        mem.putInt(xsdt + 4, xsdtLength);
        mem.checksum(xsdt, 9, xsdtLength);

        long rsdt = mem.alloc(HEADER + 4 + 4 * secondary.length, 16);
        header(mem, rsdt, "RSDT", 1);
        mem.putInt(rsdt + HEADER, (int) fadt10);
        for (int i = 0; i < secondary.length; i++) {
            mem.putInt(rsdt + HEADER + 4 * (i + 1), (int) secondary[i]);
        }
        int rsdtLength = HEADER + 4 * (secondary.length + 1);
        mem.putInt(rsdt + 4, rsdtLength);
        mem.checksum(rsdt, 9, rsdtLength);

        ByteBuffer rsdp = le(new byte[64]);
        rsdp.put(0, "RSD PTR ".getBytes(StandardCharsets.US_ASCII));
        rsdp.put(9, "Xen".getBytes(StandardCharsets.US_ASCII));
        rsdp.put(15, (byte) 2);
        rsdp.putInt(16, (int) rsdt);
        rsdp.putInt(20, RSDP_SIZE);
        rsdp.putLong(24, xsdt);
        rsdp.put(8, checksum(rsdp.array(), 0, 20));
        rsdp.put(32, checksum(rsdp.array(), 0, RSDP_SIZE));

        int pages = mem.pagesUsed();
        long rsdpAddr = rsdpAnywhere ? INFO_ADDR + (long) (1 + pages) * PAGE : RSDP_BELOW_1M;
        byte[] tables = new byte[pages * PAGE];
        System.arraycopy(mem.buf, 0, tables, 0, tables.length);
        return List.of(new Module(rsdp.array(), rsdpAddr), new Module(info.array(), INFO_ADDR),
                new Module(tables, INFO_ADDR + PAGE));
    }

    /** libacpi's static FADT (the first {@code size} bytes of it), with this revision. */
    private static void fadtBase(Allocator mem, long at, int size, int revision, boolean pmTimer) {
        header(mem, at, "FACP", revision);
        mem.putInt(at + 4, size);
        mem.putShort(at + 46, (short) 9);          // sci_int
        mem.putInt(at + 56, PM1A_EVT_BLK);
        mem.putInt(at + 64, PM1A_CNT_BLK);
        mem.putInt(at + 76, pmTimer ? PM_TMR_BLK : 0);
        mem.putInt(at + 80, GPE0_BLK);
        mem.put(at + 88, (byte) 4);                // pm1_evt_len
        mem.put(at + 89, (byte) 2);                // pm1_cnt_len
        mem.put(at + 91, (byte) (pmTimer ? 4 : 0)); // pm_tmr_len
        mem.put(at + 92, (byte) 4);                // gpe0_blk_len
        mem.putShort(at + 96, (short) 0x0fff);     // p_lvl2_lat
        mem.putShort(at + 98, (short) 0x0fff);     // p_lvl3_lat
        mem.putInt(at + 112, pmTimer ? FADT_FLAGS : FADT_FLAGS | PWR_AND_SLP_BUTTON);
    }

    /** The acpi_header libacpi gives every table: OEM "Xen"/"HVM", creator "HVML". */
    private static void header(Allocator mem, long at, String signature, int revision) {
        mem.putInt(at, ascii32(signature));
        mem.put(at + 8, (byte) revision);
        mem.put(at + 10, "Xen".getBytes(StandardCharsets.US_ASCII));
        mem.put(at + 16, "HVM".getBytes(StandardCharsets.US_ASCII));
        mem.putInt(at + 28, ascii32("HVML"));
    }

    /** struct acpi_20_generic_address. */
    private static void gas(Allocator mem, long at, int space, int width, int offset, long address) {
        mem.put(at, (byte) space);
        mem.put(at + 1, (byte) width);
        mem.put(at + 2, (byte) offset);
        mem.putLong(at + 4, address);
    }

    static int ascii32(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /** The byte that makes {@code length} bytes from {@code from} sum to zero (the checksum byte counted as 0). */
    static byte checksum(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += b[i];
        }
        return (byte) -sum;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * libxl's bump allocator over the table pages, guest addresses in and out. Like libxl's
     * it leaves the cursor on the last byte of each block (the next block is aligned up
     * from there), which decides where every table lands.
     */
    static final class Allocator {
        final long start;
        final long end;
        long curr;
        final byte[] buf;
        final ByteBuffer bb;

        Allocator(long start, int size) {
            this.start = start;
            this.curr = start;
            this.end = start + size;
            this.buf = new byte[size];
            this.bb = le(buf);
        }

        long alloc(int size, int align) {
            int a = Math.max(align, 16);
            long s = (curr + a - 1) & -a;
            long e = s + size - 1;
            if (e < s || e >= end) {
                throw new ToolstackException("libxl__dom_load_acpi", null,
                        "acpi_build_tables failed: the ACPI tables do not fit in " + NUM_ACPI_PAGES + " pages");
            }
            curr = e;
            return s;
        }

        int pagesUsed() {
            return (int) ((((curr + PAGE - 1) & -PAGE) - start) / PAGE);
        }

        private int off(long addr) {
            return (int) (addr - start);
        }

        void put(long addr, byte v) {
            bb.put(off(addr), v);
        }

        void put(long addr, byte[] v) {
            bb.put(off(addr), v);
        }

        void putShort(long addr, short v) {
            bb.putShort(off(addr), v);
        }

        void putInt(long addr, int v) {
            bb.putInt(off(addr), v);
        }

        void putLong(long addr, long v) {
            bb.putLong(off(addr), v);
        }

        void checksum(long table, int at, int length) {
            bb.put(off(table) + at, (byte) 0);
            bb.put(off(table) + at, PvhAcpiTables.checksum(buf, off(table), length));
        }
    }
}
