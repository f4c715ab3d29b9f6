package io.xlj.libxl.device;

import io.xlj.config.model.DeviceDisk;
import io.xlj.xenstore.XenstoreClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guest's disk made readable in dom0, for its bootloader: libxl 4.17's
 * {@code libxl__device_disk_local_initiate_attach} and {@code _detach}. A disk dom0 cannot
 * read where it is (a qcow2 or other image QEMU must decode, a disk behind a hotplug script)
 * becomes a vbd of dom0 itself, on the first free {@code xvd} name from {@code blkdev_start}:
 * dom0's QEMU ({@code -xen-domid 0 -M xenpv}, started by Xen's init script) serves a qdisk,
 * blkback and the script a phy disk, and dom0's blkfront connects it as {@code /dev/xvdX}.
 *
 * <p>Unlike libxl, a disk that never connects is removed again instead of left to dom0.
 */
public final class LocalDiskAttach {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDiskAttach.class);

    /** LIBXL_TOOLSTACK_DOMID. */
    static final int DOM0 = 0;
    /** libxl__wait_for_backend: 100 reads of the backend's state, 100 ms apart. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final XenstoreClient xs;
    private final Supplier<String> dom0Protocol;
    private final Duration connectTimeout;

    /**
     * @param dom0Protocol xc_domain_get_native_protocol of a PV dom0, written to the frontend as
     *                     libxl writes it for PV domains; null for a PVH dom0 (asked when needed)
     */
    public LocalDiskAttach(XenstoreClient xs, Supplier<String> dom0Protocol) {
        this(xs, dom0Protocol, CONNECT_TIMEOUT);
    }

    /** @param connectTimeout how long the frontend may take to connect (libxl: 10 s) */
    public LocalDiskAttach(XenstoreClient xs, Supplier<String> dom0Protocol, Duration connectTimeout) {
        this.xs = xs;
        this.dom0Protocol = dom0Protocol;
        this.connectTimeout = connectTimeout;
    }

    /** A disk attached to dom0; closing it detaches the disk (libxl's FORCE_AUTO remove). */
    public final class Attached implements AutoCloseable {
        private final DeviceSpec device;
        private final String path;

        private Attached(DeviceSpec device) {
            this.device = device;
            this.path = "/dev/" + vdevOf(device.devid());
        }

        /** The block device dom0 reads the disk through, {@code /dev/xvdX}. */
        public String path() {
            return path;
        }

        /** The vbd's device number in dom0. */
        public int devid() {
            return device.devid();
        }

        @Override
        public void close() {
            LOG.debug("detaching {} from dom0", path);
            new DeviceRemover(xs).remove(DeviceKind.VBD, DOM0, device.devid(), false);
        }
    }

    /**
     * Attaches {@code disk} to dom0 and waits until its frontend is connected.
     *
     * @param disk        the guest's disk with its defaults
     * @param blkdevStart the first vdev to try (the domain's blkdev_start, "xvda" by default)
     * @throws DeviceException in libxl's words when the disk cannot be attached or never connects;
     *                         nothing of it is left in dom0 then
     */
    public Attached attach(DeviceDisk disk, String blkdevStart) {
        // libxl__alloc_vdev: a name libxl cannot decode leaves disk 0; only a partition is refused.
        VdevNumber.Disk start = VdevNumber.disk(blkdevStart == null ? "xvda" : blkdevStart);
        if (start != null && start.partition() != 0) {
            throw new DeviceException("blkdev_start is invalid", List.of("libxl_disk.c:1247:libxl__alloc_vdev: "
                    + "blkdev_start is invalid"), null);
        }
        for (int index = start == null ? 0 : Math.max(start.disk(), 0); ; index++) {
            int devid = VdevNumber.of("d" + index + "p0");
            if (devid == VdevNumber.INVALID) {
                throw new DeviceException("no free vdev in dom0 for " + disk.pdevPath());
            }
            if (xs.readOptional(DeviceSpec.libxlPath(DeviceKind.VBD, DOM0, devid) + "/backend").isPresent()) {
                continue;
            }
            DeviceDisk.Builder local = disk.toBuilder();
            local.vdev = vdevOf(devid);
            DeviceSpec d = DiskDevices.resolve(local.build(), DOM0, dom0Protocol.get()).spec();
            // libxl allocates the name inside its add transaction; here another toolstack's
            // attach between the read and the add makes the add find the device and try the next.
            if (!DeviceXenstore.addIfAbsent(xs, d)) {
                continue;
            }
            return connect(d, disk.pdevPath());
        }
    }

    private Attached connect(DeviceSpec d, String pdevPath) {
        Attached attached = new Attached(d);
        try {
            new DeviceConnector(xs).connect(d);
            String be = d.backendPath();
            if (!BackendState.await(xs, be + "/state", BackendState.CONNECTED, connectTimeout)) {
                throw new DeviceException("Backend " + be + " not ready", List.of(
                        "libxl_device.c:1470:libxl__wait_for_backend: Backend " + be + " not ready"), null);
            }
        } catch (DeviceException e) {
            try {
                new DeviceRemover(xs).remove(DeviceKind.VBD, DOM0, d.devid(), true);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e.thenLogged("libxl_disk.c:1406:local_device_attach_cb: unable locally attach device: "
                    + pdevPath);
        }
        LOG.debug("locally attached disk {}", attached.path());
        return attached;
    }

    /**
     * libxl__devid_to_vdev (Linux's encode_disk_name): {@code xvd}, the disk's index in
     * base-26 letters and any partition, 16 minors a disk in the 202 major, 256 in the
     * extended form.
     */
    static String vdevOf(int devid) {
        boolean extended = (devid & (1 << 28)) != 0;
        int minor = extended ? devid & ~(1 << 28) : devid & 0xff;
        int parts = extended ? 256 : 16;
        int offset = minor / parts;
        StringBuilder letters = new StringBuilder();
        for (int n = offset; ; n = n / 26 - 1) {
            letters.insert(0, (char) ('a' + n % 26));
            if (n < 26) {
                break;
            }
        }
        return "xvd" + letters + (minor % parts == 0 ? "" : Integer.toString(minor & (parts - 1)));
    }
}
