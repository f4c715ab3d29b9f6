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
            new PvBuildInfo(null, IdlJson.U64_DEFAULT, null, List.of(), null, null, Defbool.DEFAULT);

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
        IdlJson.string(w, "kernel", kernel);
        IdlJson.uint64(w, "slack_memkb", slackMemkb, IdlJson.U64_DEFAULT);
        IdlJson.string(w, "bootloader", bootloader);
        IdlJson.stringList(w, "bootloader_args", bootloaderArgs);
        IdlJson.string(w, "cmdline", cmdline);
        IdlJson.string(w, "ramdisk", ramdisk);
        IdlJson.defbool(w, "e820_host", e820Host);
        w.endObject();
    }
}
