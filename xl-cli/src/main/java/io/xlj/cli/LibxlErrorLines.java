package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.ToolstackException;
import io.xlj.libxl.device.DeviceException;
import io.xlj.xen.Errno;
import io.xlj.xen.XenCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "libxl: error: FILE:LINE:FUNCTION: ..." lines xl 4.17 (Debian's build) prints when
 * creating a domain fails, for the steps where xlj knows libxl's words; other failures get
 * one line with xlj's own description.
 */
final class LibxlErrorLines {

    /** libxl__build_pv / libxl__build_dom: call -> "file:line:function" and whether errno is appended (LOGE). */
    private record Site(String where, boolean withErrno) {
    }

    private static final Map<String, Site> BUILD_SITES = Map.ofEntries(
            Map.entry("xc_dom_allocate", new Site("libxl_dom.c:627:libxl__build_pv", true)),
            Map.entry("xc_dom_kernel_mem", new Site("libxl_dom.c:640:libxl__build_pv", true)),
            Map.entry("xc_dom_kernel_file", new Site("libxl_dom.c:646:libxl__build_pv", true)),
            Map.entry("xc_dom_module_mem", new Site("libxl_dom.c:654:libxl__build_pv", true)),
            Map.entry("xc_dom_module_file", new Site("libxl_dom.c:659:libxl__build_pv", true)),
            Map.entry("xc_dom_boot_xen_init", new Site("libxl_dom.c:561:libxl__build_dom", true)),
            Map.entry("xc_dom_parse_image", new Site("libxl_dom.c:571:libxl__build_dom", false)),
            Map.entry("xc_dom_mem_init", new Site("libxl_dom.c:582:libxl__build_dom", true)),
            Map.entry("xc_dom_boot_mem_init", new Site("libxl_dom.c:586:libxl__build_dom", true)),
            Map.entry("xc_dom_build_image", new Site("libxl_dom.c:594:libxl__build_dom", true)),
            Map.entry("xc_dom_boot_image", new Site("libxl_dom.c:598:libxl__build_dom", true)),
            Map.entry("xc_dom_gnttab_init", new Site("libxl_dom.c:602:libxl__build_dom", true)));

    private LibxlErrorLines() {
    }

    static List<String> of(ToolstackException e) {
        List<String> lines = new ArrayList<>();
        List<String> hvm = hvmLines(e);
        if (hvm != null) {
            return hvm;
        }
        Site site = BUILD_SITES.get(e.step());
        if (site != null && e.getCause() instanceof XenCallException x) {
            // libxl names the ramdisk where it calls xc_dom_module_file/_mem
            String call = e.step().replace("xc_dom_module_", "xc_dom_ramdisk_");
            lines.add("libxl: error: " + site.where() + ": " + call + " failed"
                    + (site.withErrno() ? ": " + Errno.describe(x.errno()) : ""));
            lines.add("libxl: error: libxl_create.c:1640:domcreate_rebuild_done: Domain " + e.domid()
                    + ":cannot (re-)build domain: -3");
            // Stock xl's clean-up after a failed build reports the domain as already gone
            // (its build path destroys it first); xl prints these three lines every time.
            lines.addAll(destroyOfGoneDomain(e.domid()));
            return lines;
        }
        if (e.step().startsWith("bootloader") && e.getCause() instanceof LibxlError b && e.domid() != null) {
            // libxl_bootloader.c's lines; domcreate_bootloader_done hands its rc to
            // domcreate_rebuild_done, whose clean-up follows as after a failed build.
            lines.addAll(b.logLines());
            lines.add("libxl: error: libxl_create.c:1640:domcreate_rebuild_done: Domain " + e.domid()
                    + ":cannot (re-)build domain: " + b.rc());
            lines.addAll(destroyOfGoneDomain(e.domid()));
            return lines;
        }
        if ("disk devices".equals(e.step()) && e.getCause() instanceof DeviceException d
                && !d.libxlLines().isEmpty()) {
            // device_disk_add's own line, domcreate_launch_dm's, then the clean-up's as above.
            d.libxlLines().forEach(l -> lines.add("libxl: error: " + l));
            lines.add("libxl: error: libxl_create.c:1672:domcreate_launch_dm: Domain " + e.domid()
                    + ":unable to add disk devices");
            lines.addAll(destroyOfGoneDomain(e.domid()));
            return lines;
        }
        if ("channels".equals(e.step()) && e.getCause() instanceof DeviceException d && !d.libxlLines().isEmpty()) {
            // libxl__init_console_from_channel's line; domcreate_launch_dm goes to its clean-up.
            d.libxlLines().forEach(l -> lines.add("libxl: error: " + l));
            lines.addAll(destroyOfGoneDomain(e.domid()));
            return lines;
        }
        if ("console tty".equals(e.step()) && e.domid() != null && e.getMessage().endsWith("console tty: timed out")) {
            // console_xswait_callback's line, then domcreate_complete's clean-up as above.
            lines.add("libxl: error: libxl_create.c:1976:console_xswait_callback: " + e.getMessage());
            lines.addAll(destroyOfGoneDomain(e.domid()));
            return lines;
        }
        StringBuilder s = new StringBuilder("libxl: error: ");
        if (e.domid() != null) {
            s.append("Domain ").append(e.domid()).append(':');
        }
        s.append(e.getMessage());
        lines.add(s.toString());
        return lines;
    }

    /**
     * libxl 4.17's lines for the HVM steps that fail on bad paths: the firmware (hvmloader),
     * the BIOS module, the SMBIOS and ACPI table files and the device model; null for other
     * failures.
     */
    private static List<String> hvmLines(ToolstackException e) {
        Integer d = e.domid();
        if (d == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        switch (e.step()) {
            case "libxl__domain_firmware" -> {
                int errno = e.getCause() instanceof XenCallException x ? x.errno() : 0;
                lines.add("libxl: error: libxl_dom.c:942:libxl__domain_firmware: xc_dom_{kernel_file/ramdisk_file} failed: "
                        + Errno.describe(errno));
                lines.add("libxl: error: libxl_dom.c:1075:libxl__build_hvm: initializing domain firmware failed");
                lines.add("libxl: error: libxl_create.c:1640:domcreate_rebuild_done: Domain " + d
                        + ":cannot (re-)build domain: -1");
            }
            case "libxl__load_hvm_firmware_module" -> {
                lines.add("libxl: error: libxl_dom.c:818:libxl__load_hvm_firmware_module: " + e.getMessage());
                lines.add("libxl: error: libxl_dom.c:1075:libxl__build_hvm: initializing domain firmware failed");
                lines.add("libxl: error: libxl_create.c:1640:domcreate_rebuild_done: Domain " + d
                        + ":cannot (re-)build domain: -3");
            }
            case "libxl__domain_firmware tables" -> {
                // The message is libxl's own line for an unreadable smbios_firmware/acpi_firmware.
                lines.add("libxl: error: " + e.getMessage());
                lines.add("libxl: error: libxl_dom.c:1075:libxl__build_hvm: initializing domain firmware failed");
                lines.add("libxl: error: libxl_create.c:1640:domcreate_rebuild_done: Domain " + d
                        + ":cannot (re-)build domain: -3");
            }
            case "libxl__spawn_local_dm" -> {
                if (e.getMessage().startsWith("device model ")) {
                    lines.add("libxl: error: libxl_dm.c:2909:libxl__spawn_local_dm: Domain " + d + ":" + e.getMessage());
                    lines.add("libxl: error: libxl_dm.c:3161:device_model_spawn_outcome: Domain " + d
                            + ":(null): spawn failed (rc=-3)");
                } else {
                    lines.add("libxl: error: libxl_dm.c:3161:device_model_spawn_outcome: Domain " + d + ":"
                            + e.getMessage());
                }
                lines.add("libxl: error: libxl_dm.c:3381:device_model_postconfig_done: Domain " + d
                        + ":Post DM startup configs failed, rc=-3");
                lines.add("libxl: error: libxl_create.c:1896:domcreate_devmodel_started: Domain " + d
                        + ":device model did not start: -3");
            }
            default -> {
                return null;
            }
        }
        lines.addAll(destroyOfGoneDomain(d));
        return lines;
    }

    /** libxl's three lines when it is asked to destroy a domain that no longer exists. */
    static List<String> destroyOfGoneDomain(Object domid) {
        return List.of("libxl: error: libxl_domain.c:1183:libxl__destroy_domid: Domain " + domid + ":Non-existant domain",
                "libxl: error: libxl_domain.c:1137:domain_destroy_callback: Domain " + domid + ":Unable to destroy guest",
                "libxl: error: libxl_domain.c:1064:domain_destroy_cb: Domain " + domid + ":Destruction of domain failed");
    }
}
