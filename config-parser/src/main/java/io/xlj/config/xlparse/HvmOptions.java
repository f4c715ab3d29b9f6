package io.xlj.config.xlparse;

import io.xlj.config.ConfigValue;
import io.xlj.config.Errno;
import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;
import io.xlj.config.model.BiosType;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.GfxPassthruKind;
import io.xlj.config.model.Hdtype;
import io.xlj.config.model.HvmBuildInfo;
import io.xlj.config.model.LibxlEnums;
import io.xlj.config.model.SpiceInfo;
import io.xlj.config.model.VendorDevice;
import io.xlj.config.model.VgaInterfaceType;
import io.xlj.config.model.ViridianEnlightenment;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;

/** The HVM-only parts of parse_config_data: the type switch's HVM case and the display block. */
final class HvmOptions {

    /** exit(-ERROR_FAIL). */
    private static final int ERROR_FAIL = 3;
    /** LIBXL_BUILDINFO_HVM_VIRIDIAN_ENABLE_DISABLE_WIDTH. */
    private static final int VIRIDIAN_WIDTH = 64;
    /** HVM_BELOW_4G_MMIO_LENGTH and HVM_BELOW_4G_MMIO_START (xen/hvm/e820.h). */
    private static final long MMIO_LENGTH = 0x10000000L;
    private static final long MMIO_START = 0xF0000000L;
    /** XEN_HVM_MCA_CAP_LMCE. */
    private static final long MCA_CAP_LMCE = 1;

    private final XlConfig config;
    private final DomainBuildInfo.Builder b;
    private final HvmBuildInfo.Builder hvm;
    private final PrintStream err;

    HvmOptions(XlConfig config, DomainBuildInfo.Builder b, HvmBuildInfo.Builder hvm, PrintStream err) {
        this.config = config;
        this.b = b;
        this.hvm = hvm;
        this.err = err;
    }

    /** The {@code case LIBXL_DOMAIN_TYPE_HVM:} of the type switch. */
    void parseTypeSpecific() {
        if (b.kernel != null && basename(b.kernel).equals("hvmloader")) {
            err.print("WARNING: you seem to be using \"kernel\" directive to override HVM guest firmware. "
                    + "Ignore that. Use \"firmware_override\" instead if you really want a non-default "
                    + "firmware\n");
            b.kernel = null;
        }
        hvm.firmware = config.replaceString("firmware_override", hvm.firmware, false);
        hvm.systemFirmware = config.replaceString("bios_path_override", hvm.systemFirmware, false);
        Lookup<String> s = config.getString("bios", false);
        if (s.ok()) {
            BiosType t = LibxlEnums.fromString(BiosType.class, s.value());
            if (t == null) {
                fail(1, "ERROR: invalid value \"" + s.value() + "\" for \"bios\"\n");
            }
            hvm.bios = t;
        } else if (hvm.systemFirmware != null) {
            err.print("WARNING: bios_path_override given without specific bios name\n");
        }
        hvm.pae = Getters.defbool(config, "pae", hvm.pae);
        hvm.acpiS3 = Getters.defbool(config, "acpi_s3", hvm.acpiS3);
        hvm.acpiS4 = Getters.defbool(config, "acpi_s4", hvm.acpiS4);
        hvm.acpiLaptopSlate = Getters.defbool(config, "acpi_laptop_slate", hvm.acpiLaptopSlate);
        hvm.nx = Getters.defbool(config, "nx", hvm.nx);
        hvm.hpet = Getters.defbool(config, "hpet", hvm.hpet);
        hvm.vptAlign = Getters.defbool(config, "vpt_align", hvm.vptAlign);
        b.apic = Getters.defbool(config, "apic", b.apic);

        parseViridian();

        Lookup<Long> l = config.getLong("mmio_hole", false);
        if (l.ok()) {
            hvm.mmioHoleMemkb = l.value() * 1024;
            long size = hvm.mmioHoleMemkb * 1024;
            if (Long.compareUnsigned(size, MMIO_LENGTH) < 0 || Long.compareUnsigned(size, MMIO_START) > 0) {
                fail(1, "ERROR: invalid value " + l.value() + " for \"mmio_hole\"\n");
            }
        }
        Lookup<Boolean> altp2m = config.getDefbool("altp2mhvm", false);
        if (altp2m.ok()) {
            hvm.altp2m = Defbool.of(altp2m.value());
            err.print("WARNING: Specifying \"altp2mhvm\" is deprecated. Please use \"altp2m\" instead.\n");
        }
        hvm.smbiosFirmware = config.replaceString("smbios_firmware", hvm.smbiosFirmware, false);
        hvm.acpiFirmware = config.replaceString("acpi_firmware", hvm.acpiFirmware, false);

        s = config.getString("ms_vm_genid", false);
        if (s.ok()) {
            if (s.value().equals("generate")) {
                hvm.msVmGenid = generateGenid();
            } else if (!s.value().equals("none")) {
                fail(1, "ERROR: \"ms_vm_genid\" option must be \"generate\" or \"none\"\n");
            }
        }
        config.getLong("rdm_mem_boundary", false).ifOk(v -> hvm.rdmMemBoundaryMemkb = v * 1024);

        Lookup<ConfigValue.ListValue> caps = config.getList("mca_caps", true);
        if (caps.ok()) {
            for (int i = 0; i < caps.value().size(); i++) {
                String buf = caps.value().itemString(i);
                if ("lmce".equals(buf)) {
                    hvm.mcaCaps |= MCA_CAP_LMCE;
                } else {
                    fail(ERROR_FAIL, "ERROR: unrecognized MCA capability '" + buf + "'.\n");
                }
            }
        } else if (!caps.missing()) {
            fail(ERROR_FAIL, "ERROR: unable to parse mca_caps.\n");
        }

        s = config.getString("firmware", false);
        if (s.ok()) {
            String buf = s.value();
            BiosType t = LibxlEnums.fromString(BiosType.class, buf);
            if (t != null) {
                hvm.bios = t;
            } else if (XlParse.prefixOf(buf, "uefi")) {
                hvm.bios = BiosType.OVMF;
            } else if (!XlParse.prefixOf(buf, "bios")) {
                hvm.firmware = config.replaceString("firmware", hvm.firmware, false);
            }
        }
    }

    private void parseViridian() {
        Lookup<ConfigValue.ListValue> list = config.getList("viridian", true);
        if (list.ok()) {
            ConfigValue.ListValue v = list.value();
            int width = v.size() > 0 ? VIRIDIAN_WIDTH : 0;
            for (int i = 0; i < v.size(); i++) {
                String buf = v.itemString(i);
                if (buf == null) {
                    // xl would dereference NULL here; refuse instead of guessing.
                    fail(ERROR_FAIL, "xl: unknown viridian enlightenment '(null)'\n");
                }
                if (buf.equals("all")) {
                    hvm.viridianEnable.set(0, width);
                } else if (buf.equals("defaults")) {
                    hvm.viridian = Defbool.TRUE;
                } else {
                    java.util.BitSet set = hvm.viridianEnable;
                    java.util.BitSet reset = hvm.viridianDisable;
                    if (buf.startsWith("!")) {
                        set = hvm.viridianDisable;
                        reset = hvm.viridianEnable;
                        buf = buf.substring(1);
                    }
                    ViridianEnlightenment e = LibxlEnums.fromString(ViridianEnlightenment.class, buf);
                    if (e == null) {
                        fail(ERROR_FAIL, "xl: unknown viridian enlightenment '" + buf + "'\n");
                    }
                    if (e.value() < width) {
                        set.set(e.value());
                        reset.clear(e.value());
                    }
                }
            }
        } else if (list.error() == Errno.EINVAL) {
            hvm.viridian = defboolQuiet("viridian", hvm.viridian);
        } else if (!list.missing()) {
            fail(ERROR_FAIL, "xl: Unable to parse viridian enlightenments.\n");
        }
    }

    private Defbool defboolQuiet(String key, Defbool current) {
        Lookup<Boolean> l = config.getDefbool(key, true);
        return l.ok() ? Defbool.of(l.value()) : current;
    }

    /** The HVM block after dm_restrict: vga, hdtype, keymap, spice, graphics, serial, usb… */
    void parseDisplayAndDevices() {
        Lookup<String> s = config.getString("vga", false);
        if (s.ok()) {
            hvm.vgaKind = switch (s.value()) {
                case "stdvga" -> VgaInterfaceType.STD;
                case "cirrus" -> VgaInterfaceType.CIRRUS;
                case "none" -> VgaInterfaceType.NONE;
                case "qxl" -> VgaInterfaceType.QXL;
                default -> {
                    fail(1, "Unknown vga \"" + s.value() + "\" specified\n");
                    yield null;
                }
            };
        } else {
            Lookup<Long> l = config.getLong("stdvga", false);
            if (l.ok()) {
                hvm.vgaKind = l.value() != 0 ? VgaInterfaceType.STD : VgaInterfaceType.CIRRUS;
            }
        }
        s = config.getString("hdtype", false);
        if (s.ok()) {
            Hdtype h = LibxlEnums.fromString(Hdtype.class, s.value());
            if (h == null) {
                fail(1, "ERROR: invalid value \"" + s.value() + "\" for \"hdtype\"\n");
            }
            hvm.hdtype = h;
        }
        hvm.keymap = config.replaceString("keymap", hvm.keymap, false);
        hvm.spice = parseSpice(hvm.spice);
        hvm.nographic = Getters.defbool(config, "nographic", hvm.nographic);

        Lookup<Long> gfx = config.getLong("gfx_passthru", true);
        if (gfx.ok()) {
            hvm.gfxPassthru = Defbool.of(gfx.value() != 0);
        } else {
            s = config.getString("gfx_passthru", false);
            if (s.ok()) {
                GfxPassthruKind k = LibxlEnums.fromString(GfxPassthruKind.class, s.value());
                if (k == null) {
                    fail(1, "ERROR: invalid value \"" + s.value() + "\" for \"gfx_passthru\"\n");
                }
                hvm.gfxPassthruKind = k;
                hvm.gfxPassthru = Defbool.TRUE;
            }
        }
        Lookup<List<String>> serial = config.getListAsStringList("serial", true);
        if (serial.ok()) {
            hvm.serialList = XlParse.untilNull(serial.value());
        } else if (serial.error() == Errno.EINVAL) {
            hvm.serial = config.replaceString("serial", hvm.serial, false);
        }
        hvm.boot = config.replaceString("boot", hvm.boot, false);
        hvm.usb = Getters.defbool(config, "usb", hvm.usb);
        hvm.usbversion = Getters.intOr(config, "usbversion", hvm.usbversion);
        Lookup<List<String>> usbdevice = config.getListAsStringList("usbdevice", true);
        if (usbdevice.ok()) {
            hvm.usbdeviceList = XlParse.untilNull(usbdevice.value());
        } else if (usbdevice.error() == Errno.EINVAL) {
            hvm.usbdevice = config.replaceString("usbdevice", hvm.usbdevice, false);
        }
        hvm.vkbDevice = Getters.defbool(config, "vkb_device", hvm.vkbDevice);
        hvm.soundhw = config.replaceString("soundhw", hvm.soundhw, false);
        hvm.xenPlatformPci = Getters.defbool(config, "xen_platform_pci", hvm.xenPlatformPci);

        if (hvm.vnc.listen() != null && hvm.vnc.display() != 0 && hvm.vnc.listen().indexOf(':') >= 0) {
            fail(1, "ERROR: Display specified both in vnclisten and vncdisplay!\n");
        }
        s = config.getString("vendor_device", false);
        if (s.ok()) {
            VendorDevice d = LibxlEnums.fromString(VendorDevice.class, s.value());
            if (d == null) {
                fail(ERROR_FAIL, "xl: unknown vendor_device '" + s.value() + "'\n");
            }
            hvm.vendorDevice = d;
        }
    }

    private SpiceInfo parseSpice(SpiceInfo sp) {
        Defbool enable = Getters.defbool(config, "spice", sp.enable());
        int port = Getters.intOr(config, "spiceport", sp.port());
        int tlsPort = Getters.intOr(config, "spicetls_port", sp.tlsPort());
        String host = config.replaceString("spicehost", sp.host(), false);
        Defbool disableTicketing = Getters.defbool(config, "spicedisable_ticketing", sp.disableTicketing());
        String passwd = config.replaceString("spicepasswd", sp.passwd(), false);
        Defbool agentMouse = Getters.defbool(config, "spiceagent_mouse", sp.agentMouse());
        Defbool vdagent = Getters.defbool(config, "spicevdagent", sp.vdagent());
        Defbool clipboard = Getters.defbool(config, "spice_clipboard_sharing", sp.clipboardSharing());
        int usbredirection = Getters.intOr(config, "spiceusbredirection", sp.usbredirection());
        String imageCompression = config.replaceString("spice_image_compression", sp.imageCompression(), false);
        String streamingVideo = config.replaceString("spice_streaming_video", sp.streamingVideo(), false);
        return new SpiceInfo(enable, port, tlsPort, host, disableTicketing, passwd, agentMouse, vdagent,
                clipboard, usbredirection, imageCompression, streamingVideo);
    }

    /** libxl_ms_vm_genid_generate: 16 random bytes, never all zero. */
    private static byte[] generateGenid() {
        byte[] id = new byte[16];
        SecureRandom r = new SecureRandom();
        do {
            r.nextBytes(id);
        } while (java.util.Arrays.equals(id, new byte[16]));
        return id;
    }

    /** libxl_basename: what follows the last '/'. */
    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private void fail(int status, String message) {
        err.print(message);
        throw new XlExit(status);
    }
}
