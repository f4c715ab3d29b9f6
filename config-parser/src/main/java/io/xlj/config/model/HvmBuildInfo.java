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
        IdlJson.string(w, "firmware", firmware);
        IdlJson.enumeration(w, "bios", bios, BiosType.UNKNOWN);
        IdlJson.defbool(w, "pae", pae);
        IdlJson.defbool(w, "apic", apic);
        IdlJson.defbool(w, "acpi", acpi);
        IdlJson.defbool(w, "acpi_s3", acpiS3);
        IdlJson.defbool(w, "acpi_s4", acpiS4);
        IdlJson.defbool(w, "acpi_laptop_slate", acpiLaptopSlate);
        IdlJson.defbool(w, "nx", nx);
        IdlJson.defbool(w, "viridian", viridian);
        IdlJson.bitmap(w, "viridian_enable", viridianEnable);
        IdlJson.bitmap(w, "viridian_disable", viridianDisable);
        IdlJson.string(w, "timeoffset", timeoffset);
        IdlJson.defbool(w, "hpet", hpet);
        IdlJson.defbool(w, "vpt_align", vptAlign);
        IdlJson.uint64(w, "mmio_hole_memkb", mmioHoleMemkb, IdlJson.U64_DEFAULT);
        IdlJson.enumeration(w, "timer_mode", timerMode, TimerMode.UNKNOWN);
        IdlJson.defbool(w, "nested_hvm", nestedHvm);
        IdlJson.defbool(w, "altp2m", altp2m);
        IdlJson.string(w, "system_firmware", systemFirmware);
        IdlJson.string(w, "smbios_firmware", smbiosFirmware);
        IdlJson.string(w, "acpi_firmware", acpiFirmware);
        IdlJson.enumeration(w, "hdtype", hdtype, Hdtype.IDE);
        IdlJson.defbool(w, "nographic", nographic);
        w.key("vga").beginObject();
        IdlJson.enumeration(w, "kind", vgaKind, VgaInterfaceType.UNKNOWN);
        w.endObject();
        w.key("vnc");
        vnc.writeJson(w);
        IdlJson.string(w, "keymap", keymap);
        w.key("sdl");
        sdl.writeJson(w);
        w.key("spice");
        spice.writeJson(w);
        IdlJson.defbool(w, "gfx_passthru", gfxPassthru);
        IdlJson.enumeration(w, "gfx_passthru_kind", gfxPassthruKind, GfxPassthruKind.DEFAULT);
        IdlJson.string(w, "serial", serial);
        IdlJson.string(w, "boot", boot);
        IdlJson.defbool(w, "usb", usb);
        IdlJson.integer(w, "usbversion", usbversion, 0);
        IdlJson.string(w, "usbdevice", usbdevice);
        IdlJson.defbool(w, "vkb_device", vkbDevice);
        IdlJson.string(w, "soundhw", soundhw);
        IdlJson.defbool(w, "xen_platform_pci", xenPlatformPci);
        IdlJson.stringList(w, "usbdevice_list", usbdeviceList);
        IdlJson.enumeration(w, "vendor_device", vendorDevice, VendorDevice.NONE);
        if (msVmGenid != null && !isZero(msVmGenid)) {
            w.key("ms_vm_genid").beginArray();
            for (byte b : msVmGenid) {
                w.value(b & 0xff);
            }
            w.endArray();
        }
        IdlJson.stringList(w, "serial_list", serialList);
        w.key("rdm");
        rdm.writeJson(w);
        IdlJson.uint64(w, "rdm_mem_boundary_memkb", rdmMemBoundaryMemkb, IdlJson.U64_DEFAULT);
        IdlJson.uint64(w, "mca_caps", mcaCaps, 0);
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
        public long mmioHoleMemkb = IdlJson.U64_DEFAULT;
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
        public long rdmMemBoundaryMemkb = IdlJson.U64_DEFAULT;
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
