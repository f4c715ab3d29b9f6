package io.xlj.libxl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DiskBackend;
import io.xlj.config.model.DiskFormat;
import io.xlj.config.model.LibxlEnums;
import io.xlj.libxl.device.DeviceException;
import io.xlj.libxl.device.DeviceKind;
import io.xlj.libxl.device.DeviceSpec;
import io.xlj.libxl.device.DiskDevices;
import io.xlj.libxl.device.UserdataDevices;
import io.xlj.libxl.device.VdevNumber;
import io.xlj.xen.FdPassingSocket;
import io.xlj.xenstore.XenstoreClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxl_cdrom_insert (libxl_disk.c), which {@code xl cd-insert} and {@code xl cd-eject} (an
 * insert of nothing) call: on an HVM guest's cdrom, QEMU ejects the medium, the vbd's
 * {@code type}/{@code params} are emptied, then QEMU gets the new image as a descriptor
 * ({@code add-fd}, {@code blockdev-change-medium}) and the entries and the stored config name
 * it. QEMU's side is the emulated drive {@code ide-<devno>} libxl's command line made.
 */
final class CdromMedia {

    private static final Logger LOG = LoggerFactory.getLogger(CdromMedia.class);

    private final XenstoreClient xs;
    private final Userdata userdata;

    CdromMedia(XenstoreClient xs, Userdata userdata) {
        this.xs = xs;
        this.userdata = userdata;
    }

    /**
     * @param disk the medium as xl parses "vdev=V,access=r,devtype=cdrom,target=PATH" (an
     *             empty target for an eject)
     * @throws LibxlError with libxl's lines and rc
     */
    void insert(int domid, UUID uuid, DeviceDisk disk) {
        String type = xs.readOptional(XsPaths.libxl(domid) + "/type").orElse("");
        if (!type.equals("hvm")) {
            throw fail(LibxlError.ERROR_INVAL, LibxlLog.errorD("libxl_disk.c:838:libxl_cdrom_insert", domid,
                    "cdrom-insert requires an HVM domain"));
        }
        int devno = VdevNumber.of(disk.vdev());
        String libxlPath = DeviceSpec.libxlPath(DeviceKind.VBD, domid, devno);
        Optional<String> backendPath = devno < 0 ? Optional.empty() : xs.readOptional(libxlPath + "/backend");
        Optional<DiskBackend> backend = backendPath.flatMap(be -> cdromBackend(be, disk.vdev()));
        if (backend.isEmpty()) {
            throw fail(LibxlError.ERROR_FAIL, LibxlLog.errorD("libxl_disk.c:866:libxl_cdrom_insert", domid,
                    "Virtual device not found"));
        }
        DeviceDisk.Builder b = disk.toBuilder();
        b.backend = backend.get();
        if (b.pdevPath == null) {
            b.pdevPath = "";
            b.format = DiskFormat.EMPTY;
        }
        DeviceDisk medium;
        try {
            medium = DiskDevices.resolve(b.build(), domid, null, true).disk();
        } catch (DeviceException e) {
            List<String> lines = new ArrayList<>();
            e.libxlLines().forEach(l -> lines.add("libxl: error: " + l));
            if (lines.isEmpty()) {
                lines.add(LibxlLog.error("libxl_device.c:475:libxl__device_disk_set_backend", e.getMessage()));
            }
            throw new LibxlError(LibxlError.ERROR_INVAL, lines, e.getMessage(), e);
        }
        String be = backendPath.get();
        // libxl__ev_devlock, then the QMP socket's lock for the session.
        userdata.lockedBy("libxl-device-changes-lock", domid, uuid,
                () -> userdata.lockedBy("qmp-socket-lock", domid, uuid, () -> {
                    try (Qmp qmp = Qmp.open(DeviceModel.qmpSocket(domid))) {
                        change(qmp, domid, uuid, disk, medium, be, libxlPath, "ide-" + devno);
                        return null;
                    } catch (IOException e) {
                        throw connectionFailure(domid, e);
                    }
                }));
    }

    /**
     * cdrom_insert_ejected and cdrom_insert_inserted over one QMP session: QEMU's drive
     * emptied and its entries with it (the stored config keeps the old medium until the new
     * one is in), then the new medium handed to QEMU and recorded.
     */
    private void change(Qmp qmp, int domid, UUID uuid, DeviceDisk disk, DeviceDisk medium, String be,
                        String libxlPath, String drive) {
        qmp(domid, () -> qmp.execute("eject", Qmp.args().put("id", drive), null));
        userdata.locked(domid, uuid, () -> writeMedium(domid, be, libxlPath, medium.backend(), ""));
        if (xs.readOptional(DeviceModel.pidPath(domid)).isEmpty()) {
            throw fail(LibxlError.ERROR_FAIL, LibxlLog.errorD("libxl_dm.c:3845:libxl__dm_check_start", domid,
                    "device model required but not running"));
        }
        if (medium.format() != DiskFormat.EMPTY) {
            ObjectNode fd = qmp(domid, () -> (ObjectNode) qmp.execute("add-fd", Qmp.args().put("opaque",
                    medium.format().libxlName() + ":" + medium.pdevPath()), Path.of(medium.pdevPath())),
                    medium.pdevPath());
            int fdset = fd.path("fdset-id").asInt(-1);
            if (fdset < 0) {
                throw fail(LibxlError.ERROR_FAIL, LibxlLog.errorD("libxl_disk.c:1082:cdrom_insert_addfd_cb", domid,
                        "add-fd answered " + fd));
            }
            qmp(domid, () -> qmp.execute("blockdev-change-medium", Qmp.args().put("id", drive)
                    .put("filename", "/dev/fdset/" + fdset)
                    .put("format", DeviceModelArgs.qemuFormat(medium.format())), null));
        }
        String params = medium.format() == DiskFormat.EMPTY ? ""
                : DiskDevices.stringOfFormat(medium.format()) + ":" + medium.pdevPath();
        userdata.locked(domid, uuid, () -> {
            storeConfig(domid, uuid, disk);
            writeMedium(domid, be, libxlPath, medium.backend(), params);
        });
        LOG.debug("domain {}: cdrom {} now holds '{}'", domid, disk.vdev(), params);
    }

    /** The backend of the vbd at {@code be} if it is the cdrom {@code vdev} (libxl__device_list's view). */
    private Optional<DiskBackend> cdromBackend(String be, String vdev) {
        if (!xs.readOptional(be + "/device-type").filter("cdrom"::equals).isPresent()
                || !xs.readOptional(be + "/dev").filter(vdev::equals).isPresent()) {
            return Optional.empty();
        }
        // libxl__disk_from_xenstore: libxl_disk_backend_from_string of the type node.
        return Optional.ofNullable(LibxlEnums.fromString(DiskBackend.class, xs.readOptional(be + "/type").orElse("")));
    }

    /** type and params under the backend and libxl's copy, in one transaction that finds the device still there. */
    private void writeMedium(int domid, String be, String libxlPath, DiskBackend backend, String params) {
        Map<String, String> kvs = new LinkedHashMap<>();
        kvs.put("type", backend.libxlName());
        kvs.put("params", params);
        xs.runInTransaction(t -> {
            if (t.readOptional(libxlPath + "/frontend").isEmpty()) {
                throw fail(LibxlError.ERROR_FAIL, LibxlLog.errorD("libxl_disk.c:1000:cdrom_insert_ejected", domid,
                        "Internal error: " + libxlPath + "/frontend does not exist"));
            }
            kvs.forEach((k, v) -> {
                t.write(be + "/" + k, v);
                t.write(libxlPath + "/" + k, v);
            });
            return null;
        });
    }

    /** device_add_domain_config: the stored config's disk of this vdev becomes the new medium as xl gave it. */
    private void storeConfig(int domid, UUID uuid, DeviceDisk disk) {
        Path file = userdata.path(domid, uuid, Userdata.LIBXL_JSON);
        byte[] stored = UserdataDevices.read(file);
        if (stored != null) {
            userdata.store(domid, uuid, Userdata.LIBXL_JSON, UserdataDevices.withDevice(stored, "disks", disk, "vdev"));
        }
    }

    @FunctionalInterface
    private interface QmpCall<T> {
        T call() throws IOException;
    }

    private static <T> T qmp(int domid, QmpCall<T> call) {
        return qmp(domid, call, null);
    }

    /** A QMP command; QEMU's refusal in libxl's words, or the cdrom file that would not open. */
    private static <T> T qmp(int domid, QmpCall<T> call, String file) {
        try {
            return call.call();
        } catch (FdPassingSocket.SysCallException e) {
            if (file != null && e.call().equals("open")) {
                throw fail(LibxlError.ERROR_FAIL, LibxlLog.errorED("libxl_disk.c:1039:cdrom_insert_ejected", domid,
                        "Failed to open cdrom file " + file, e.errno()));
            }
            throw connectionFailure(domid, e);
        } catch (Qmp.ClosedException e) {
            throw connectionFailure(domid, e);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            // QEMU's "error" answers read "<command>: <desc>".
            String desc = m.contains(": ") ? m.substring(m.indexOf(": ") + 2) : m;
            throw fail(LibxlError.ERROR_FAIL, LibxlLog.errorD("libxl_qmp.c:1837:qmp_ev_parse_error_messages", domid,
                    desc));
        }
    }

    /** libxl_qmp.c's lines for a QMP socket that would not connect, failed, or was closed by QEMU. */
    private static LibxlError connectionFailure(int domid, IOException e) {
        String lost = LibxlLog.errorD("libxl_qmp.c:1438:qmp_ev_fd_callback", domid,
                "Error happened with the QMP connection to QEMU");
        if (e instanceof FdPassingSocket.SysCallException s && s.call().equals("connect")) {
            return fail(LibxlError.ERROR_FAIL, LibxlLog.errorED("libxl_qmp.c:1334:qmp_ev_lock_aquired", domid,
                    "Failed to connect to QMP socket " + DeviceModel.qmpSocket(domid), s.errno()));
        }
        if (e instanceof FdPassingSocket.SysCallException s) {
            return new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED("libxl_qmp.c:1399:qmp_ev_fd_callback",
                    domid, "error on QMP socket", s.errno()), lost));
        }
        if (e instanceof Qmp.ClosedException) {
            return new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorD("libxl_qmp.c:1581:qmp_ev_fd_callback",
                    domid, "Unexpected EOF on QMP socket"), lost));
        }
        return fail(LibxlError.ERROR_FAIL, LibxlLog.errorD("libxl_qmp.c:1837:qmp_ev_parse_error_messages", domid,
                String.valueOf(e.getMessage())));
    }

    private static LibxlError fail(int rc, String line) {
        return new LibxlError(rc, List.of(line));
    }
}
