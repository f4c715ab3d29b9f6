package io.xlj.config.model;

import static io.xlj.config.model.JsonFields.bool;
import static io.xlj.config.model.JsonFields.defbool;
import static io.xlj.config.model.JsonFields.enumeration;
import static io.xlj.config.model.JsonFields.integer;
import static io.xlj.config.model.JsonFields.string;
import static io.xlj.config.model.JsonFields.uint64;

import io.xlj.config.json.YajlWriter;

/**
 * libxl_device_disk, fields in IDL order (libxl_types.idl). Strings are null when unset
 * (C NULL), which is not the same as "" (printed). Built by {@link Builder}, which starts
 * from libxl_device_disk_init's values.
 */
public record DeviceDisk(
        long backendDomid,
        String backendDomname,
        String pdevPath,
        String vdev,
        DiskBackend backend,
        DiskFormat format,
        String script,
        int removable,
        int readwrite,
        int isCdrom,
        boolean directIoSafe,
        Defbool discardEnable,
        DiskSpecification specification,
        DiskTransport transport,
        long irq,
        long base,
        Defbool coloEnable,
        Defbool coloRestoreEnable,
        String coloHost,
        int coloPort,
        String coloExport,
        String activeDisk,
        String hiddenDisk,
        Defbool trusted) implements LibxlJson {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.backendDomid = backendDomid;
        b.backendDomname = backendDomname;
        b.pdevPath = pdevPath;
        b.vdev = vdev;
        b.backend = backend;
        b.format = format;
        b.script = script;
        b.removable = removable;
        b.readwrite = readwrite;
        b.isCdrom = isCdrom;
        b.directIoSafe = directIoSafe;
        b.discardEnable = discardEnable;
        b.specification = specification;
        b.transport = transport;
        b.irq = irq;
        b.base = base;
        b.coloEnable = coloEnable;
        b.coloRestoreEnable = coloRestoreEnable;
        b.coloHost = coloHost;
        b.coloPort = coloPort;
        b.coloExport = coloExport;
        b.activeDisk = activeDisk;
        b.hiddenDisk = hiddenDisk;
        b.trusted = trusted;
        return b;
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        integer(w, "backend_domid", backendDomid);
        string(w, "backend_domname", backendDomname);
        string(w, "pdev_path", pdevPath);
        string(w, "vdev", vdev);
        enumeration(w, "backend", backend);
        enumeration(w, "format", format);
        string(w, "script", script);
        integer(w, "removable", removable);
        integer(w, "readwrite", readwrite);
        integer(w, "is_cdrom", isCdrom);
        bool(w, "direct_io_safe", directIoSafe);
        defbool(w, "discard_enable", discardEnable);
        enumeration(w, "specification", specification);
        enumeration(w, "transport", transport);
        integer(w, "irq", irq);
        uint64(w, "base", base);
        defbool(w, "colo_enable", coloEnable);
        defbool(w, "colo_restore_enable", coloRestoreEnable);
        string(w, "colo_host", coloHost);
        integer(w, "colo_port", coloPort);
        string(w, "colo_export", coloExport);
        string(w, "active_disk", activeDisk);
        string(w, "hidden_disk", hiddenDisk);
        defbool(w, "trusted", trusted);
        w.endObject();
    }

    /** Mutable twin used while parsing; starts as libxl_device_disk_init leaves it. */
    public static final class Builder {
        public long backendDomid;
        public String backendDomname;
        public String pdevPath;
        public String vdev;
        public DiskBackend backend = DiskBackend.UNKNOWN;
        public DiskFormat format = DiskFormat.UNKNOWN;
        public String script;
        public int removable;
        public int readwrite;
        public int isCdrom;
        public boolean directIoSafe;
        public Defbool discardEnable = Defbool.DEFAULT;
        public DiskSpecification specification = DiskSpecification.UNKNOWN;
        public DiskTransport transport = DiskTransport.UNKNOWN;
        public long irq;
        public long base;
        public Defbool coloEnable = Defbool.DEFAULT;
        public Defbool coloRestoreEnable = Defbool.DEFAULT;
        public String coloHost;
        public int coloPort;
        public String coloExport;
        public String activeDisk;
        public String hiddenDisk;
        public Defbool trusted = Defbool.DEFAULT;

        public DeviceDisk build() {
            return new DeviceDisk(backendDomid, backendDomname, pdevPath, vdev, backend, format,
                    script, removable, readwrite, isCdrom, directIoSafe, discardEnable,
                    specification, transport, irq, base, coloEnable, coloRestoreEnable, coloHost,
                    coloPort, coloExport, activeDisk, hiddenDisk, trusted);
        }
    }
}
