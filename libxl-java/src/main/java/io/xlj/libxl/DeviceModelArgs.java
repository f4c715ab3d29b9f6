package io.xlj.libxl;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DeviceNic;
import io.xlj.config.model.DiskBackend;
import io.xlj.config.model.DiskFormat;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.Hdtype;
import io.xlj.config.model.HvmBuildInfo;
import io.xlj.config.model.NicType;
import io.xlj.config.model.SpiceInfo;
import io.xlj.config.model.VgaInterfaceType;
import io.xlj.config.model.VncInfo;
import io.xlj.libxl.device.ChannelDevices;
import io.xlj.libxl.device.DiskDevices;
import io.xlj.libxl.device.NicDevices;
import io.xlj.libxl.device.VdevNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The qemu-xen command line libxl 4.17 builds for an HVM guest's device model
 * ({@code libxl__build_device_model_args_new}, no stub domain), after libxl's HVM defaults
 * (cirrus VGA with 8 MiB, boot order "cda", VNC on 127.0.0.1:0 unless vnc=0, the Xen
 * platform PCI device). Covered: QMP on a pre-opened socket fd, VNC/SDL, direct kernel boot,
 * serial/serial_list, VGA, boot order, USB (usb/usbdevice or usbversion), soundhw, ACPI,
 * vCPUs, the emulated nics (a tap per vif_ioemu nic), the machine type with mmio_hole,
 * memory, extra arguments, the emulated disks (IDE or AHCI for the first four, SCSI for
 * sd*, IDE cdroms), the channels' character devices, SPICE (with its agent and USB
 * redirection) and XenServer's vendor device. A stub domain, COLO nics, dm_restrict and
 * gfx_passthru are refused here: their arguments are not built yet (COLO disks are refused
 * before, by DiskDevices).
 */
public final class DeviceModelArgs {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceModelArgs.class);
    /** libxl__qemu_soundhw's names. */
    private static final List<String> SOUNDHW = List.of("ac97", "adlib", "cs4231a", "es1370", "gus", "hda", "pcspk",
            "sb16");

    /** LIBXL_DEVICE_MODEL path compiled into Debian's libxenlight. */
    public static final String QEMU_XEN_PATH = "/usr/libexec/xen-qemu-system-i386";
    static final String RUN_DIR = "/var/run/xen";

    private DeviceModelArgs() {
    }

    /** libxl__domain_device_model: device_model_override, else Debian's qemu-xen. */
    static String path(DomainBuildInfo b) {
        return b.deviceModel() != null ? b.deviceModel() : QEMU_XEN_PATH;
    }

    /**
     * The arguments for the config's disks and nics after libxl's defaults (their MACs
     * generated where the config gives none), with no disk behind a hotplug script's path.
     *
     * @param qmpFd the QMP socket libxl opened for qemu ({@code -chardev socket,...,fd=N} and
     *        {@code -S}), or -1 for a socket path qemu creates itself
     */
    public static List<String> of(DomainConfig config, int domid, int qmpFd) {
        List<DeviceDisk> disks = config.disks().stream().map(d -> DiskDevices.resolve(d, domid, null, true).disk()).toList();
        List<DeviceNic> nics = NicDevices.resolveForCreate(config.nics(), domid, true).stream()
                .map(NicDevices.Resolved::nic).toList();
        List<ChannelDevices.Resolved> channels = ChannelDevices.resolve(GuestCreator.orEmpty(config.channels()), domid,
                name -> 0);
        return of(config, domid, qmpFd, disks, nics, channels, path -> Optional.empty());
    }

    /**
     * @param disks the disks after libxl's defaults (backend chosen)
     * @param nics  the nics after libxl's defaults (nictype, MAC, devid, bridge, model)
     * @param channels the channels as their console devices were made
     * @param xs    reads a disk's physical-device-path that its hotplug script wrote
     *              (libxl__device_disk_find_local_path)
     */
    public static List<String> of(DomainConfig config, int domid, int qmpFd, List<DeviceDisk> disks,
                                  List<DeviceNic> nics, List<ChannelDevices.Resolved> channels, NodeReader xs) {
        DomainBuildInfo b = config.bInfo();
        if (!(b.u() instanceof HvmBuildInfo hvm)) {
            throw new IllegalArgumentException("not an HVM config: " + config.cInfo().type().libxlName());
        }
        refuseWhatIsNotBuiltYet(config, hvm);
        List<String> a = new ArrayList<>();
        a.add(path(b));
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
        a.addAll(ChannelDevices.chardevArgs(channels));
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
        // The SCSI controller first, on the PCI slot older QEMUs gave it.
        if (disks.stream().anyMatch(d -> d.isCdrom() == 0 && d.vdev().startsWith("sd"))) {
            a.add("-device");
            a.add("lsi53c895a");
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
        SpiceInfo spice = hvm.spice();
        if (spice.enable().valueOr(false)) {
            a.add("-spice");
            a.add(spiceOptions(spice, domid));
            if (spice.vdagent().valueOr(false)) {
                a.addAll(List.of("-device", "virtio-serial", "-chardev", "spicevmc,id=vdagent,name=vdagent",
                        "-device", "virtserialport,chardev=vdagent,name=com.redhat.spice.0"));
            }
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
        usb(a, hvm, domid);
        if (hvm.soundhw() != null) {
            if (!SOUNDHW.contains(hvm.soundhw())) {
                throw new ToolstackException("libxl__build_device_model_args_new", domid,
                        "Unknown soundhw option '" + hvm.soundhw() + "'");
            }
            a.add("-device");
            if (hvm.soundhw().equals("hda")) {
                a.add("intel-hda");
                a.add("-device");
                a.add("hda-duplex");
            } else {
                a.add(hvm.soundhw());
            }
        }
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
        int emulatedNics = 0;
        for (DeviceNic n : nics) {
            if (n.nictype() != NicType.VIF_IOEMU) {
                continue;
            }
            a.add("-device");
            a.add(n.model() + ",id=nic" + n.devid() + ",netdev=net" + n.devid() + ",mac=" + n.mac());
            a.add("-netdev");
            // libxl_tapif_script is "no" on Linux: libxl runs the tap's hotplug script itself.
            a.add("type=tap,id=net" + n.devid() + ",ifname=" + NicDevices.devname(domid, n.devid(), true) + ",br="
                    + n.bridge() + ",script=no,downscript=no");
            emulatedNics++;
        }
        if (emulatedNics == 0) {
            // Without emulated nics qemu must not make its default one.
            a.add("-net");
            a.add("none");
        }
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
        if (hvm.hdtype() == Hdtype.AHCI) {
            a.add("-device");
            a.add("ahci,id=ahci0");
        }
        for (DeviceDisk d : disks) {
            a.addAll(drive(d, hvm, domid, xs));
        }
        if (hvm.vendorDevice() == io.xlj.config.model.VendorDevice.XENSERVER) {
            a.add("-device");
            a.add("xen-pvdevice,device-id=0xc000");
        }
        return a;
    }

    /** Reads a xenstore node, absent as empty. */
    @FunctionalInterface
    public interface NodeReader {
        Optional<String> read(String path);
    }

    /** libxl's arguments for one disk's emulation; none (with libxl's warning) where it has none. */
    static List<String> drive(DeviceDisk d, HvmBuildInfo hvm, int domid, NodeReader xs) {
        VdevNumber.Disk n = VdevNumber.disk(d.vdev());
        if (n == null) {
            LOG.warn("Domain {}: unable to determine disk number for {}", domid, d.vdev());
            return List.of();
        }
        boolean cdrom = d.isCdrom() != 0;
        String format = qemuFormat(d.backend() == DiskBackend.QDISK ? d.format() : DiskFormat.RAW);
        String target = null;
        if (d.format() == DiskFormat.EMPTY) {
            if (!cdrom) {
                LOG.warn("Domain {}: Cannot support empty disk format for {}", domid, d.vdev());
                return List.of();
            }
        } else {
            if (format == null) {
                LOG.warn("Domain {}: Unable to determine disk image format: {}; it will be available via PV drivers"
                        + " but not as an emulated disk", domid, d.vdev());
                return List.of();
            }
            target = localPath(d, domid, xs);
            if (target == null) {
                LOG.warn("Domain {}: No way to get local access disk to image: {}; it will be available via PV"
                        + " drivers but not as an emulated disk", domid, d.vdev());
                return List.of();
            }
        }
        if (cdrom) {
            if (n.disk() > 4) {
                LOG.warn("Domain {}: Emulated CDROM can be only one of the first 4 disks; {} will be available"
                        + " via PV drivers but not as an emulated disk", domid, d.vdev());
                return List.of();
            }
            String id = "ide-" + n.number();
            String drive = "if=none,readonly=on,id=" + id;
            if (target != null) {
                drive += ",file=" + target + ",format=" + format;
            }
            return List.of("-drive", drive, "-device",
                    "ide-cd,id=" + id + ",drive=" + id + ",bus=ide." + n.disk() / 2 + ",unit=" + n.disk() % 2);
        }
        if (d.vdev().startsWith("sd")) {
            String id = "scsi0-hd" + n.disk();
            return List.of("-drive", "file=" + target + ",id=" + id + ",format=" + format + ",if=none,readonly="
                            + (d.readwrite() != 0 ? "off" : "on") + ",cache=writeback",
                    "-device", "scsi-hd,drive=" + id + ",scsi-id=" + n.disk());
        }
        if (n.disk() < 6 && hvm.hdtype() == Hdtype.AHCI) {
            if (d.readwrite() == 0) {
                throw new ToolstackException("libxl__build_device_model_args_new", domid,
                        "qemu-xen doesn't support read-only AHCI disk drivers");
            }
            return List.of("-drive", "file=" + target + ",if=none,id=ahcidisk-" + n.disk() + ",format=" + format
                            + ",cache=writeback",
                    "-device", "ide-hd,bus=ahci0." + n.disk() + ",unit=0,drive=ahcidisk-" + n.disk());
        }
        if (n.disk() < 4) {
            if (d.readwrite() == 0) {
                throw new ToolstackException("libxl__build_device_model_args_new", domid,
                        "qemu-xen doesn't support read-only IDE disk drivers");
            }
            return List.of("-drive", "file=" + target + ",if=ide,index=" + n.disk() + ",media=disk,format=" + format
                    + ",cache=writeback");
        }
        LOG.warn("Domain {}: Only 4 emulated IDE disks are supported; {} will be available via PV drivers but"
                + " not as an emulated disk", domid, d.vdev());
        return List.of();
    }

    /** libxl__qemu_disk_format_string. */
    static String qemuFormat(DiskFormat f) {
        return switch (f) {
            case QCOW -> "qcow";
            case QCOW2 -> "qcow2";
            case VHD -> "vpc";
            case RAW -> "raw";
            case QED -> "qed";
            default -> null;
        };
    }

    /** libxl__device_disk_find_local_path for qemu (qdisk_direct). */
    static String localPath(DeviceDisk d, int domid, NodeReader xs) {
        if (d.backendDomname() != null) {
            return null;
        }
        if (d.format() == DiskFormat.RAW && d.script() == null) {
            return d.pdevPath();
        }
        if (d.backend() == DiskBackend.QDISK) {
            return d.pdevPath();
        }
        if (d.script() != null) {
            int devid = VdevNumber.of(d.vdev());
            return xs.read("/local/domain/" + d.backendDomid() + "/backend/vbd/" + domid + "/" + devid
                    + "/physical-device-path").orElse(null);
        }
        return null;
    }

    /** usb/usbdevice/usbdevice_list, else usbversion's controllers. */
    private static void usb(List<String> a, HvmBuildInfo hvm, int domid) {
        int redirection = usbRedirection(hvm);
        // libxl's setdefault: USB redirection without a usbversion gets USB 2 controllers.
        int version = hvm.usbversion() == 0 && redirection > 0 ? 2 : hvm.usbversion();
        List<String> list = hvm.usbdeviceList() == null ? List.of() : hvm.usbdeviceList();
        if (hvm.usb().valueOr(false) || hvm.usbdevice() != null || !list.isEmpty()) {
            if (hvm.usbdevice() != null && !list.isEmpty()) {
                throw new ToolstackException("libxl__build_device_model_args_new", domid,
                        "Both usbdevice and usbdevice_list set");
            }
            a.add("-usb");
            if (hvm.usbdevice() != null) {
                a.add("-usbdevice");
                a.add(hvm.usbdevice());
            } else {
                for (String u : list) {
                    a.add("-usbdevice");
                    a.add(u);
                }
            }
        } else if (version != 0) {
            switch (version) {
                case 1 -> a.addAll(List.of("-device", "piix3-usb-uhci,id=usb"));
                case 2 -> {
                    a.addAll(List.of("-device", "ich9-usb-ehci1,id=usb,addr=0x1d.0x7,multifunction=on"));
                    for (int i = 1; i < 4; i++) {
                        a.add("-device");
                        a.add("ich9-usb-uhci" + i + ",masterbus=usb.0,firstport=" + 2 * (i - 1) + ",addr=0x1d."
                                + (i == 1 ? "0" : "0x" + Integer.toHexString(i - 1)) + ",multifunction=on");
                    }
                }
                case 3 -> a.addAll(List.of("-device", "nec-usb-xhci,id=usb"));
                default -> throw new ToolstackException("libxl__build_device_model_args_new", domid,
                        "usbversion parameter is invalid, must be between 1 and 3");
            }
            if (redirection < 0 || redirection >= 5) {
                throw new ToolstackException("libxl__build_device_model_args_new", domid,
                        "usbredirection parameter is invalid, it must be between 1 and 4");
            }
            for (int i = 1; i <= redirection; i++) {
                a.addAll(List.of("-chardev", "spicevmc,name=usbredir,id=usbrc" + i,
                        "-device", "usb-redir,chardev=usbrc" + i + ",id=usbrc" + i));
            }
        }
    }

    /** libxl's setdefault: USB redirection only with SPICE (else dropped with a warning). */
    private static int usbRedirection(HvmBuildInfo hvm) {
        int r = hvm.spice().usbredirection();
        if (r > 0 && !hvm.spice().enable().valueOr(false)) {
            LOG.warn("spice disabled, disabling usbredirection");
            return 0;
        }
        return r;
    }

    /**
     * dm_spice_options after libxl's SPICE defaults (ticketing on, agent mouse on, clipboard
     * sharing off).
     *
     * @throws ToolstackException with libxl's words for a SPICE server without a port or
     *         without a password while ticketing is on
     */
    static String spiceOptions(SpiceInfo spice, int domid) {
        if (spice.port() == 0 && spice.tlsPort() == 0) {
            throw new ToolstackException("dm_spice_options", domid,
                    "at least one of the spiceport or tls_port must be provided");
        }
        boolean noTicketing = spice.disableTicketing().valueOr(false);
        if (!noTicketing && spice.passwd() == null) {
            throw new ToolstackException("dm_spice_options", domid, "spice ticketing is enabled but missing password");
        }
        if (!noTicketing && spice.passwd().isEmpty()) {
            throw new ToolstackException("dm_spice_options", domid, "spice password can't be empty");
        }
        StringBuilder o = new StringBuilder("port=" + spice.port() + ",tls-port=" + spice.tlsPort());
        if (spice.host() != null) {
            o.append(",addr=").append(spice.host());
        }
        o.append(noTicketing ? ",disable-ticketing=on" : ",password=" + spice.passwd());
        o.append(",agent-mouse=").append(spice.agentMouse().valueOr(true) ? "on" : "off");
        if (!spice.clipboardSharing().valueOr(false)) {
            o.append(",disable-copy-paste=on");
        }
        if (spice.imageCompression() != null) {
            o.append(",image-compression=").append(spice.imageCompression());
        }
        if (spice.streamingVideo() != null) {
            o.append(",streaming-video=").append(spice.streamingVideo());
        }
        return o.toString();
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
        if (config.nics().stream().anyMatch(n -> n.colo().values().stream().anyMatch(v -> v != null))) {
            no.add("COLO nics");
        }
        if (b.deviceModelStubdomain().valueOr(false)) {
            no.add("a stub domain");
        }
        if (b.dmRestrict().valueOr(false)) {
            no.add("dm_restrict");
        }
        if (hvm.gfxPassthru().valueOr(false)) {
            no.add("gfx_passthru");
        }
        if (!no.isEmpty()) {
            throw new ToolstackException("device model", null,
                    "the device model arguments for " + String.join(", ", no) + " are not built yet");
        }
    }
}
