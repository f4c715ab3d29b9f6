package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.List;

/**
 * b_info.u.pv. kernel, bootloader, bootloader_args, cmdline and ramdisk are deprecated
 * copies of the b_info fields of the same names (xl never sets them); features is const
 * and never printed.
 */
public record PvBuildInfo(String kernel, long slackMemkb, String bootloader, List<String> bootloaderArgs,
                          String cmdline, String ramdisk, Defbool e820Host) implements TypeInfo {

    public static final PvBuildInfo DEFAULT =
            new PvBuildInfo(null, LibxlJson.U64_DEFAULT, null, List.of(), null, null, Defbool.DEFAULT);

    public PvBuildInfo {
        bootloaderArgs = List.copyOf(bootloaderArgs);
    }

    public PvBuildInfo withE820Host(Defbool v) {
        return new PvBuildInfo(kernel, slackMemkb, bootloader, bootloaderArgs, cmdline, ramdisk, v);
    }

    @Override
    public DomainType type() {
        return DomainType.PV;
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        LibxlJson.string(w, "kernel", kernel);
        LibxlJson.uint64(w, "slack_memkb", slackMemkb, LibxlJson.U64_DEFAULT);
        LibxlJson.string(w, "bootloader", bootloader);
        LibxlJson.stringList(w, "bootloader_args", bootloaderArgs);
        LibxlJson.string(w, "cmdline", cmdline);
        LibxlJson.string(w, "ramdisk", ramdisk);
        LibxlJson.defbool(w, "e820_host", e820Host);
        w.endObject();
    }
}
