package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.BitSet;
import java.util.List;

/**
 * b_info.u.hvm, the HVM member of libxl_domain_build_info's keyed union. Components are
 * in IDL order; {@link Builder} starts from the values libxl_domain_build_info_init_type
 * gives an HVM guest. apic, timer_mode and nested_hvm here are deprecated copies of the
 * b_info fields (xl sets the b_info ones).
 */
public record HvmBuildInfo(
        String firmware, BiosType bios, Defbool pae, Defbool apic, Defbool acpi, Defbool acpiS3,
        Defbool acpiS4, Defbool acpiLaptopSlate, Defbool nx, Defbool viridian, BitSet viridianEnable,
        BitSet viridianDisable, String timeoffset, Defbool hpet, Defbool vptAlign, long mmioHoleMemkb,
        TimerMode timerMode, Defbool nestedHvm, Defbool altp2m, String systemFirmware,
        String smbiosFirmware, String acpiFirmware, Hdtype hdtype, Defbool nographic,
        VgaInterfaceType vgaKind, VncInfo vnc, String keymap, SdlInfo sdl, SpiceInfo spice,
        Defbool gfxPassthru, GfxPassthruKind gfxPassthruKind, String serial, String boot, Defbool usb,
        int usbversion, String usbdevice, Defbool vkbDevice, String soundhw, Defbool xenPlatformPci,
        List<String> usbdeviceList, VendorDevice vendorDevice, byte[] msVmGenid, List<String> serialList,
        RdmReserve rdm, long rdmMemBoundaryMemkb, long mcaCaps) implements TypeInfo {

    @Override
    public DomainType type() {
        return DomainType.HVM;
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        LibxlJson.string(w, "firmware", firmware);
        LibxlJson.enumeration(w, "bios", bios, BiosType.UNKNOWN);
        LibxlJson.defbool(w, "pae", pae);
        LibxlJson.defbool(w, "apic", apic);
        LibxlJson.defbool(w, "acpi", acpi);
        LibxlJson.defbool(w, "acpi_s3", acpiS3);
        LibxlJson.defbool(w, "acpi_s4", acpiS4);
        LibxlJson.defbool(w, "acpi_laptop_slate", acpiLaptopSlate);
        LibxlJson.defbool(w, "nx", nx);
        LibxlJson.defbool(w, "viridian", viridian);
        LibxlJson.bitmap(w, "viridian_enable", viridianEnable);
        LibxlJson.bitmap(w, "viridian_disable", viridianDisable);
        LibxlJson.string(w, "timeoffset", timeoffset);
        LibxlJson.defbool(w, "hpet", hpet);
        LibxlJson.defbool(w, "vpt_align", vptAlign);
        LibxlJson.uint64(w, "mmio_hole_memkb", mmioHoleMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.enumeration(w, "timer_mode", timerMode, TimerMode.UNKNOWN);
        LibxlJson.defbool(w, "nested_hvm", nestedHvm);
        LibxlJson.defbool(w, "altp2m", altp2m);
        LibxlJson.string(w, "system_firmware", systemFirmware);
        LibxlJson.string(w, "smbios_firmware", smbiosFirmware);
        LibxlJson.string(w, "acpi_firmware", acpiFirmware);
        LibxlJson.enumeration(w, "hdtype", hdtype, Hdtype.IDE);
        LibxlJson.defbool(w, "nographic", nographic);
        w.key("vga").beginObject();
        LibxlJson.enumeration(w, "kind", vgaKind, VgaInterfaceType.UNKNOWN);
        w.endObject();
        w.key("vnc");
        vnc.writeJson(w);
        LibxlJson.string(w, "keymap", keymap);
        w.key("sdl");
        sdl.writeJson(w);
        w.key("spice");
        spice.writeJson(w);
        LibxlJson.defbool(w, "gfx_passthru", gfxPassthru);
        LibxlJson.enumeration(w, "gfx_passthru_kind", gfxPassthruKind, GfxPassthruKind.DEFAULT);
        LibxlJson.string(w, "serial", serial);
        LibxlJson.string(w, "boot", boot);
        LibxlJson.defbool(w, "usb", usb);
        LibxlJson.integer(w, "usbversion", usbversion, 0);
        LibxlJson.string(w, "usbdevice", usbdevice);
        LibxlJson.defbool(w, "vkb_device", vkbDevice);
        LibxlJson.string(w, "soundhw", soundhw);
        LibxlJson.defbool(w, "xen_platform_pci", xenPlatformPci);
        LibxlJson.stringList(w, "usbdevice_list", usbdeviceList);
        LibxlJson.enumeration(w, "vendor_device", vendorDevice, VendorDevice.NONE);
        if (msVmGenid != null && !isZero(msVmGenid)) {
            w.key("ms_vm_genid").beginArray();
            for (byte b : msVmGenid) {
                w.value(b & 0xff);
            }
            w.endArray();
        }
        LibxlJson.stringList(w, "serial_list", serialList);
        w.key("rdm");
        rdm.writeJson(w);
        LibxlJson.uint64(w, "rdm_mem_boundary_memkb", rdmMemBoundaryMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.uint64(w, "mca_caps", mcaCaps, 0);
        w.endObject();
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Mutable twin used while a config is being parsed; fields start at libxl's HVM defaults. */
    public static final class Builder {
        public String firmware;
        public BiosType bios = BiosType.UNKNOWN;
        public Defbool pae = Defbool.DEFAULT;
        public Defbool apic = Defbool.DEFAULT;
        public Defbool acpi = Defbool.DEFAULT;
        public Defbool acpiS3 = Defbool.DEFAULT;
        public Defbool acpiS4 = Defbool.DEFAULT;
        public Defbool acpiLaptopSlate = Defbool.DEFAULT;
        public Defbool nx = Defbool.DEFAULT;
        public Defbool viridian = Defbool.DEFAULT;
        public BitSet viridianEnable = new BitSet();
        public BitSet viridianDisable = new BitSet();
        public String timeoffset;
        public Defbool hpet = Defbool.DEFAULT;
        public Defbool vptAlign = Defbool.DEFAULT;
        public long mmioHoleMemkb = LibxlJson.U64_DEFAULT;
        public TimerMode timerMode = TimerMode.UNKNOWN;
        public Defbool nestedHvm = Defbool.DEFAULT;
        public Defbool altp2m = Defbool.DEFAULT;
        public String systemFirmware;
        public String smbiosFirmware;
        public String acpiFirmware;
        public Hdtype hdtype = Hdtype.IDE;
        public Defbool nographic = Defbool.DEFAULT;
        public VgaInterfaceType vgaKind = VgaInterfaceType.UNKNOWN;
        public VncInfo vnc = VncInfo.DEFAULT;
        public String keymap;
        public SdlInfo sdl = SdlInfo.DEFAULT;
        public SpiceInfo spice = SpiceInfo.DEFAULT;
        public Defbool gfxPassthru = Defbool.DEFAULT;
        public GfxPassthruKind gfxPassthruKind = GfxPassthruKind.DEFAULT;
        public String serial;
        public String boot;
        public Defbool usb = Defbool.DEFAULT;
        public int usbversion;
        public String usbdevice;
        public Defbool vkbDevice = Defbool.DEFAULT;
        public String soundhw;
        public Defbool xenPlatformPci = Defbool.DEFAULT;
        public List<String> usbdeviceList = List.of();
        public VendorDevice vendorDevice = VendorDevice.NONE;
        public byte[] msVmGenid;
        public List<String> serialList = List.of();
        public RdmReserve rdm = RdmReserve.DEFAULT;
        public long rdmMemBoundaryMemkb = LibxlJson.U64_DEFAULT;
        public long mcaCaps;

        public HvmBuildInfo build() {
            return new HvmBuildInfo(firmware, bios, pae, apic, acpi, acpiS3, acpiS4, acpiLaptopSlate, nx,
                    viridian, (BitSet) viridianEnable.clone(), (BitSet) viridianDisable.clone(), timeoffset,
                    hpet, vptAlign, mmioHoleMemkb, timerMode, nestedHvm, altp2m, systemFirmware,
                    smbiosFirmware, acpiFirmware, hdtype, nographic, vgaKind, vnc, keymap, sdl, spice,
                    gfxPassthru, gfxPassthruKind, serial, boot, usb, usbversion, usbdevice, vkbDevice,
                    soundhw, xenPlatformPci, List.copyOf(usbdeviceList), vendorDevice,
                    msVmGenid == null ? null : msVmGenid.clone(), List.copyOf(serialList), rdm,
                    rdmMemBoundaryMemkb, mcaCaps);
        }
    }
}
