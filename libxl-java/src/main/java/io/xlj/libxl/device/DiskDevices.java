package io.xlj.libxl.device;

import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DiskBackend;
import io.xlj.config.model.DiskFormat;
import io.xlj.config.model.DiskSpecification;
import io.xlj.config.model.DiskTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.AccessDeniedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libxl_device_disk to the vbd libxl 4.17 adds: libxl__device_disk_setdefault (discard,
 * trusted, specification, the backend chosen by disk_try_backend), the devid of the vdev and
 * the backend/frontend entries of device_disk_add. Only backends xlj connects (phy through a
 * hotplug script, so files and block devices; qdisk, served by a QEMU in dom0) are accepted;
 * the others are refused by name.
 */
public final class DiskDevices {

    /** Debian's XEN_SCRIPT_DIR (libxl__xen_script_dir_path). */
    public static final String SCRIPT_DIR = "/etc/xen/scripts";
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;

    /** The disk after libxl's defaults, and the device it becomes. */
    public record Resolved(DeviceDisk disk, DeviceSpec spec) {
    }

    private DiskDevices() {
    }

    /**
     * @param nativeProtocol the guest's xc_domain_get_native_protocol for PV guests, or null
     */
    public static Resolved resolve(DeviceDisk in, int domid, String nativeProtocol) {
        return resolve(in, domid, nativeProtocol, false);
    }

    /**
     * @param hvm the guest is HVM: its cdroms are served by its device model, so their
     *            backend is qdisk (another explicit backend is refused, as libxl refuses it)
     */
    public static Resolved resolve(DeviceDisk in, int domid, String nativeProtocol, boolean hvm) {
        DeviceDisk.Builder d = in.toBuilder();
        d.discardEnable = setDefault(d.discardEnable, d.readwrite != 0);
        d.coloEnable = setDefault(d.coloEnable, false);
        d.coloRestoreEnable = setDefault(d.coloRestoreEnable, false);
        d.trusted = setDefault(d.trusted, true);
        if (d.backendDomname != null && !d.backendDomname.isEmpty()) {
            throw new DeviceException("Disk vdev=" + d.vdev + ": backend domain by name (backend="
                    + d.backendDomname + ") is not supported by xlj yet");
        }
        if (d.specification == DiskSpecification.UNKNOWN) {
            d.specification = DiskSpecification.XEN;
        }
        if (d.specification == DiskSpecification.XEN && d.transport != DiskTransport.UNKNOWN) {
            throw new DeviceException("Transport is only supported for specification virtio");
        }
        if (d.specification == DiskSpecification.VIRTIO) {
            throw new DeviceException("Disk vdev=" + d.vdev + ": specification virtio is not supported by xlj yet");
        }
        if (hvm && d.isCdrom != 0) {
            if (d.backend != DiskBackend.QDISK && d.backend != DiskBackend.UNKNOWN) {
                String m = "Backend for CD devices on HVM guests must be Qdisk";
                throw new DeviceException(m, List.of("libxl_disk.c:196:libxl__device_disk_setdefault: Domain " + domid
                        + ":" + m), null);
            }
            d.backend = DiskBackend.QDISK;
        }
        d.backend = chooseBackend(d);

        int devid = VdevNumber.of(d.vdev);
        if (devid < 0) {
            // libxl only rejects -1; other negative numbers ("xvd") would make nonsense paths.
            throw new DeviceException("Invalid or unsupported virtual disk identifier " + d.vdev);
        }
        if (d.backend != DiskBackend.PHY && d.backend != DiskBackend.QDISK) {
            throw new DeviceException("Disk vdev=" + d.vdev + ": backend " + d.backend.libxlName()
                    + " is not supported by xlj yet");
        }
        if (d.backend == DiskBackend.QDISK && d.coloEnable.valueOr(false)) {
            throw new DeviceException("Disk vdev=" + d.vdev + ": COLO is not supported by xlj yet");
        }
        DeviceDisk disk = d.build();
        return new Resolved(disk, spec(disk, domid, devid, nativeProtocol));
    }

    private static DeviceSpec spec(DeviceDisk d, int domid, int devid, String nativeProtocol) {
        boolean qdisk = d.backend() == DiskBackend.QDISK;
        Map<String, String> back = new LinkedHashMap<>();
        if (qdisk) {
            // QEMU opens the image itself: "<format>:<path>", no hotplug script.
            back.put("params", stringOfFormat(d.format()) + ":" + (d.pdevPath() == null ? "" : d.pdevPath()));
        } else {
            back.put("params", d.pdevPath());
            back.put("script", absPath(d.script() == null ? "block" : d.script()));
        }
        back.put("frontend-id", Integer.toString(domid));
        back.put("online", "1");
        back.put("removable", d.removable() != 0 ? "1" : "0");
        back.put("bootable", "1");
        back.put("state", "1");
        back.put("dev", d.vdev());
        back.put("type", d.backend().libxlName());
        back.put("mode", d.readwrite() != 0 ? "w" : "r");
        back.put("device-type", d.isCdrom() != 0 ? "cdrom" : "disk");
        if (d.directIoSafe()) {
            back.put("direct-io-safe", "1");
        }
        back.put("discard-enable", d.discardEnable().valueOr(false) ? "1" : "0");
        back.put("specification", d.specification().libxlName());

        Map<String, String> front = new LinkedHashMap<>();
        front.put("backend-id", Long.toString(d.backendDomid()));
        front.put("state", "1");
        front.put("virtual-device", Integer.toString(devid));
        front.put("device-type", d.isCdrom() != 0 ? "cdrom" : "disk");
        front.put("trusted", d.trusted().valueOr(true) ? "1" : "0");
        if (nativeProtocol != null) {
            front.put("protocol", nativeProtocol);
        }
        return new DeviceSpec(DeviceKind.VBD, qdisk ? DeviceKind.QDISK : DeviceKind.VBD, domid,
                (int) d.backendDomid(), devid, back, front, Map.of());
    }

    /** libxl__device_disk_string_of_format: QEMU's name of an image format in a qdisk's params. */
    public static String stringOfFormat(DiskFormat f) {
        switch (f) {
            case QCOW:
                return "qcow";
            case QCOW2:
                return "qcow2";
            case VHD:
                return "vhd";
            case QED:
                return "qed";
            case RAW:
            case EMPTY:
                return "aio";
            default:
                throw new DeviceException("unknown disk format " + f.libxlName());
        }
    }

    /** libxl__need_xenpv_qemu for disks: a qdisk served by this (the toolstack) domain needs a QEMU. */
    public static boolean needsQemu(DeviceDisk d) {
        return d.backend() == DiskBackend.QDISK && d.backendDomid() == 0;
    }

    /** libxl__abs_path against the script directory. */
    static String absPath(String script) {
        return script.startsWith("/") ? script : SCRIPT_DIR + "/" + script;
    }

    /** libxl__device_disk_set_backend for the toolstack domain as backend. */
    private static DiskBackend chooseBackend(DeviceDisk.Builder d) {
        int mode = 0;
        if (d.format == DiskFormat.EMPTY) {
            if (d.isCdrom == 0) {
                throw new DeviceException("Disk vdev=" + d.vdev + " is empty but not cdrom");
            }
            if (d.pdevPath != null && !d.pdevPath.isEmpty()) {
                throw new DeviceException("Disk vdev=" + d.vdev + " is empty but an image has been provided: "
                        + d.pdevPath);
            }
        } else if ((d.backend == DiskBackend.UNKNOWN || d.backend == DiskBackend.PHY
                || d.backend == DiskBackend.STANDALONE) && d.backendDomid == 0 && d.script == null) {
            mode = statMode(d.vdev, d.pdevPath);
        }
        DiskBackend ok;
        if (d.backend != DiskBackend.UNKNOWN) {
            ok = tryBackend(d, d.backend, mode);
        } else {
            ok = tryBackend(d, DiskBackend.PHY, mode);
            if (ok == DiskBackend.UNKNOWN) {
                ok = tryBackend(d, DiskBackend.QDISK, mode);
            }
        }
        if (ok == DiskBackend.UNKNOWN) {
            throw new DeviceException("no suitable backend for disk " + d.vdev);
        }
        return ok;
    }

    private static DiskBackend tryBackend(DeviceDisk.Builder d, DiskBackend backend, int mode) {
        switch (backend) {
            case PHY:
                if (d.format != DiskFormat.RAW || d.coloEnable.valueOr(false)) {
                    return DiskBackend.UNKNOWN;
                }
                if (d.backendDomid != 0 || d.script != null) {
                    return backend;
                }
                int type = mode & S_IFMT;
                return type == S_IFBLK || type == S_IFREG ? backend : DiskBackend.UNKNOWN;
            case QDISK:
                return d.script != null ? DiskBackend.UNKNOWN : backend;
            default:
                return DiskBackend.UNKNOWN;
        }
    }

    /** stat(2) of the target, following links; failures in libxl's LOGE words. */
    private static int statMode(String vdev, String target) {
        String prefix = "Disk vdev=" + vdev + " failed to stat: " + target + ": ";
        if (target == null) {
            throw statFailed(prefix + "Bad address", null);
        }
        try {
            return (Integer) Files.getAttribute(Path.of(target), "unix:mode");
        } catch (NoSuchFileException e) {
            throw statFailed(prefix + "No such file or directory", e);
        } catch (AccessDeniedException e) {
            throw statFailed(prefix + "Permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw statFailed(prefix + e.getMessage(), e);
        }
    }

    private static DeviceException statFailed(String message, Throwable cause) {
        return new DeviceException(message,
                List.of("libxl_device.c:455:libxl__device_disk_set_backend: " + message), cause);
    }

    private static Defbool setDefault(Defbool b, boolean value) {
        return b.isDefault() ? Defbool.of(value) : b;
    }
}
