package io.xlj.cli;

import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DiskFormat;
import io.xlj.config.spec.DiskSpecParser;
import io.xlj.config.spec.SpecException;
import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code xl cd-insert <Domain> <VirtualDevice> <path>} and {@code xl cd-eject <Domain>
 * <VirtualDevice>} (xl_cdrom.c): the medium as the disk spec
 * "vdev=V,access=r,devtype=cdrom,target=PATH" (an empty target to eject), a file that must
 * exist, then libxl_cdrom_insert. Failures print libxl's lines and exit 1.
 */
final class CdInsertCommand implements XlCommand {

    private final boolean eject;

    CdInsertCommand(boolean eject) {
        this.eject = eject;
    }

    @Override
    public int run(XlContext ctx, String[] args) {
        String name = eject ? "cd-eject" : "cd-insert";
        CommandOptions o = ctx.options(args, "", null, name, eject ? 2 : 3);
        while (o.next() != -1) {
            // no options
        }
        String[] rest = o.remaining();
        try (Toolstack ts = XenHost.open(ctx)) {
            int domid = XenHost.findDomain(ctx, ts, rest[0]);
            String target = eject ? "" : rest[2];
            DeviceDisk medium;
            try {
                medium = DiskSpecParser.parse("command line",
                        List.of("vdev=" + rest[1] + ",access=r,devtype=cdrom,target=" + target), ctx.err()::print);
            } catch (SpecException e) {
                throw new XlExit(e.exitCode());
            }
            if (medium.format() != DiskFormat.EMPTY && !Files.exists(ctx.path(medium.pdevPath()))) {
                ctx.err().print("Cannot stat file: " + medium.pdevPath() + "\n");
                return 1;
            }
            try {
                ts.cdromInsert(domid, medium);
            } catch (LibxlError e) {
                LibxlErrors.print(ctx, e);
                return 1;
            }
        }
        return 0;
    }
}
