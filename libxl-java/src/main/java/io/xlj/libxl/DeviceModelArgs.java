package io.xlj.libxl;

import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.HvmBuildInfo;
import io.xlj.config.model.VgaInterfaceType;
import io.xlj.config.model.VncInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The qemu-xen command line libxl 4.17 builds for an HVM guest's device model
 * ({@code libxl__build_device_model_args_new}, no stub domain), after libxl's HVM defaults
 * (cirrus VGA with 8 MiB, boot order "cda", VNC on 127.0.0.1:0 unless vnc=0, the Xen
 * platform PCI device). Covered so far: QMP on a pre-opened socket fd, VNC/SDL off or VNC
 * on, direct kernel boot, serial/serial_list, VGA, boot order, ACPI, vCPUs, no emulated
 * nics, the machine type with mmio_hole, memory, extra arguments. Disks, emulated nics, USB,
 * sound, SPICE, channels and dm_restrict are refused: their arguments are not built yet.
 */
public final class DeviceModelArgs {

    /** LIBXL_DEVICE_MODEL path compiled into Debian's libxenlight. */
    public static final String QEMU_XEN_PATH = "/usr/libexec/xen-qemu-system-i386";
    static final String RUN_DIR = "/var/run/xen";

    private DeviceModelArgs() {
    }

    /**
     * @param qmpFd the QMP socket libxl opened for qemu ({@code -chardev socket,...,fd=N} and
     *        {@code -S}), or -1 for a socket path qemu creates itself
     */
    public static List<String> of(DomainConfig config, int domid, int qmpFd) {
        DomainBuildInfo b = config.bInfo();
        if (!(b.u() instanceof HvmBuildInfo hvm)) {
            throw new IllegalArgumentException("not an HVM config: " + config.cInfo().type().libxlName());
        }
        refuseWhatIsNotBuiltYet(config, hvm);
        List<String> a = new ArrayList<>();
        a.add(b.deviceModel() != null ? b.deviceModel() : QEMU_XEN_PATH);
        a.add("-xen-domid");
        a.add(Integer.toString(domid));
        a.add("-no-shutdown");
        a.add("-chardev");
        if (qmpFd >= 0) {
            a.add("socket,id=libxl-cmd,fd=" + qmpFd + ",server=on,wait=off");
            a.add("-S");
        } else {
            a.add("socket,id=libxl-cmd,path=" + RUN_DIR + "/qmp-libxl-" + domid + ",server=on,wait=off");
        }
        a.add("-mon");
        a.add("chardev=libxl-cmd,mode=control");
        a.add("-chardev");
        a.add("socket,id=libxenstat-cmd,path=" + RUN_DIR + "/qmp-libxenstat-" + domid + ",server=on,wait=off");
        a.add("-mon");
        a.add("chardev=libxenstat-cmd,mode=control");
        a.add("-nodefaults");
        a.add("-no-user-config");
        if (config.cInfo().name() != null) {
            a.add("-name");
            a.add(config.cInfo().name());
        }

        VncInfo vnc = hvm.vnc();
        boolean vncOn = vnc.enable().valueOr(true);
        if (vncOn) {
            a.add("-vnc");
            String listen = vnc.listen() != null ? vnc.listen() : "127.0.0.1";
            String arg;
            if (listen.indexOf(':') >= 0) {
                if (vnc.display() != 0) {
                    throw new ToolstackException("libxl__build_device_model_args_new", domid,
                            "vncdisplay set, vnclisten contains display");
                }
                arg = listen;
            } else {
                arg = listen + ":" + vnc.display();
            }
            if (vnc.passwd() != null && !vnc.passwd().isEmpty()) {
                arg += ",password=on";
            }
            if (vnc.findunused().valueOr(true)) {
                arg += ",to=99";
            }
            a.add(arg);
        } else {
            a.add("-vnc");
            a.add("none");
        }
        a.add("-display");
        a.add("none");
        boolean sdlOn = hvm.sdl().enable().valueOr(false);
        if (sdlOn) {
            a.add("-display");
            a.add("sdl");
        }
        if (hvm.keymap() != null) {
            a.add("-k");
            a.add(hvm.keymap());
        }

        if (b.kernel() != null) {
            a.add("-kernel");
            a.add(b.kernel());
        }
        if (b.ramdisk() != null) {
            a.add("-initrd");
            a.add(b.ramdisk());
        }
        if (b.cmdline() != null) {
            a.add("-append");
            a.add(b.cmdline());
        }
        boolean hasSerialList = hvm.serialList() != null && !hvm.serialList().isEmpty();
        if (hvm.serial() != null && hasSerialList) {
            throw new ToolstackException("libxl__build_device_model_args_new", domid, "Both serial and serial_list set");
        }
        if (hvm.serial() != null) {
            a.add("-serial");
            a.add(hvm.serial());
        } else if (hasSerialList) {
            for (String s : hvm.serialList()) {
                a.add("-serial");
                a.add(s);
            }
        }
        if (hvm.nographic().valueOr(false) && !sdlOn && !vncOn) {
            a.add("-nographic");
        }
        VgaInterfaceType vga = hvm.vgaKind() == VgaInterfaceType.UNKNOWN ? VgaInterfaceType.CIRRUS : hvm.vgaKind();
        long videoKb = videoMemKb(b, vga);
        switch (vga) {
            case STD -> {
                a.add("-device");
                a.add("VGA,vgamem_mb=" + (videoKb + 1023) / 1024);
            }
            case CIRRUS -> {
                a.add("-device");
                a.add("cirrus-vga,vgamem_mb=" + (videoKb + 1023) / 1024);
            }
            case QXL -> {
                a.add("-device");
                a.add("qxl-vga,vram_size_mb=" + videoKb / 2 / 1024 + ",ram_size_mb=" + videoKb / 2 / 1024);
            }
            default -> {
            }
        }
        a.add("-boot");
        a.add("order=" + (hvm.boot() != null ? hvm.boot() : "cda"));
        boolean acpi = b.acpi().isDefault() ? hvm.acpi().valueOr(true) : b.acpi().valueOr(true);
        if (!acpi) {
            a.add("-no-acpi");
        }
        int maxVcpus = b.maxVcpus() == 0 ? 1 : b.maxVcpus();
        if (maxVcpus > 1) {
            a.add("-smp");
            if (b.availVcpus() != null && !b.availVcpus().isEmpty()) {
                a.add(b.availVcpus().cardinality() + ",maxcpus=" + maxVcpus);
            } else {
                a.add(Integer.toString(maxVcpus));
            }
        }
        // No emulated nics yet (refused above): qemu must not create any.
        a.add("-net");
        a.add("none");
        if (b.extra() != null) {
            a.addAll(b.extra());
        }
        a.add("-machine");
        String machine = hvm.xenPlatformPci().valueOr(true) ? "xenfv,suppress-vmdesc=on"
                : "pc,accel=xen,suppress-vmdesc=on";
        long hole = hvm.mmioHoleMemkb() == PvBuild.MEMKB_DEFAULT ? 0 : hvm.mmioHoleMemkb();
        if (hole != 0) {
            long maxRamBelow4g = (1L << 32) - (hole << 10);
            if (maxRamBelow4g <= io.xlj.xen.XenConstants.HVM_BELOW_4G_MMIO_START) {
                machine += ",max-ram-below-4g=" + maxRamBelow4g;
            }
        }
        a.add(machine);
        if (b.extraHvm() != null) {
            a.addAll(b.extraHvm());
        }
        long max = b.maxMemkb() == PvBuild.MEMKB_DEFAULT ? 32 * 1024 : b.maxMemkb();
        a.add("-m");
        a.add(Long.toString((max - videoKb + 1023) / 1024));
        return a;
    }

    /** libxl's video_memkb default for qemu-xen and this VGA. */
    static long videoMemKb(DomainBuildInfo b, VgaInterfaceType vga) {
        if (b.videoMemkb() != PvBuild.MEMKB_DEFAULT) {
            return b.videoMemkb();
        }
        return switch (vga) {
            case NONE -> 0;
            case QXL -> 128 * 1024;
            case STD -> 16 * 1024;
            default -> 8 * 1024;
        };
    }

    private static void refuseWhatIsNotBuiltYet(DomainConfig config, HvmBuildInfo hvm) {
        DomainBuildInfo b = config.bInfo();
        List<String> no = new ArrayList<>();
        if (!config.disks().isEmpty()) {
            no.add("disks");
        }
        if (!config.nics().isEmpty()) {
            no.add("nics");
        }
        if (!config.channels().isEmpty()) {
            no.add("channels");
        }
        if (b.deviceModelStubdomain().valueOr(false)) {
            no.add("a stub domain");
        }
        if (hvm.spice().enable().valueOr(false)) {
            no.add("SPICE");
        }
        if (hvm.usb().valueOr(false) || hvm.usbversion() != 0 || hvm.usbdevice() != null
                || (hvm.usbdeviceList() != null && !hvm.usbdeviceList().isEmpty())) {
            no.add("USB");
        }
        if (hvm.soundhw() != null) {
            no.add("soundhw");
        }
        if (b.dmRestrict().valueOr(false)) {
            no.add("dm_restrict");
        }
        if (hvm.gfxPassthru().valueOr(false)) {
            no.add("gfx_passthru");
        }
        if (hvm.vendorDevice() != null && hvm.vendorDevice() != io.xlj.config.model.VendorDevice.NONE) {
            no.add("vendor_device");
        }
        if (!no.isEmpty()) {
            throw new ToolstackException("device model", null,
                    "the device model arguments for " + String.join(", ", no) + " are not built yet");
        }
    }
}
