package io.xlj.cli;

import io.xlj.libxl.HostReport;
import io.xlj.libxl.Toolstack;
import io.xlj.xen.PhysInfo;
import io.xlj.xen.VersionInfo;
import io.xlj.xen.XenConstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code xl info [-n] [name]} (xl_info.c main_info / print_info): the host (uname), the
 * hypervisor's physinfo and version, in xl's order and layout. With a name, only the values
 * of the lines that start with it (maybe_printf).
 */
final class InfoCommand implements XlCommand {

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("numa", Getopt.LongOpt.NO_ARGUMENT, 'n'),
        CommandOptions.HELP,
    };

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean numa = false;
        CommandOptions o = ctx.options(args, "n", LONGOPTS, "info", 0);
        for (int opt; (opt = o.next()) != -1; ) {
            if (opt == 'n') {
                numa = true;
            }
        }
        if (numa) {
            ctx.err().print("xlj: `xl info -n' (cpu, device and numa topology) is not implemented yet\n");
            return 1;
        }
        String filter = o.remaining().length > 0 ? o.remaining()[0] : null;
        try (Toolstack ts = XenHost.open(ctx)) {
            HostReport h = ts.hostReport();
            Printer p = new Printer(filter);
            nodeInfo(p);
            physInfo(p, h);
            xenInfo(p, h);
            p.line("xend_config_format     : 4");
            ctx.out().print(p.out);
        }
        return 0;
    }

    /** maybe_printf: the whole line, or only the value of a line that starts with the filter. */
    private static final class Printer {
        final String filter;
        final StringBuilder out = new StringBuilder();

        Printer(String filter) {
            this.filter = filter;
        }

        void line(String s) {
            if (filter == null) {
                out.append(s).append('\n');
                return;
            }
            int colon = s.indexOf(':');
            if (s.startsWith(filter) && colon >= 0 && colon + 1 < s.length() && s.charAt(colon + 1) == ' ') {
                out.append(s, colon + 2, s.length()).append('\n');
            }
        }
    }

    private static void nodeInfo(Printer p) {
        p.line("host                   : " + proc("hostname"));
        p.line("release                : " + proc("osrelease"));
        p.line("version                : " + proc("version"));
        p.line("machine                : " + machine());
    }

    private static String proc(String key) {
        try {
            return Files.readString(Path.of("/proc/sys/kernel", key), StandardCharsets.ISO_8859_1).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** uname's machine: /proc/sys/kernel/arch where the kernel has it, else the JVM's name for it. */
    private static String machine() {
        String arch = proc("arch");
        if (!arch.isEmpty()) {
            return arch;
        }
        String jvm = System.getProperty("os.arch", "");
        return jvm.equals("amd64") ? "x86_64" : jvm;
    }

    private static void physInfo(Printer p, HostReport h) {
        PhysInfo i = h.phys();
        p.line(f("nr_cpus                : %d", i.nrCpus()));
        p.line(f("max_cpu_id             : %d", i.maxCpuId()));
        p.line(f("nr_nodes               : %d", i.nrNodes()));
        p.line(f("cores_per_socket       : %d", i.coresPerSocket()));
        p.line(f("threads_per_core       : %d", i.threadsPerCore()));
        p.line(f("cpu_mhz                : %d.%03d", i.cpuKhz() / 1000, i.cpuKhz() % 1000));
        p.line("hw_caps                : " + i.hwCapsString());
        boolean pv = i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_pv);
        boolean hvm = i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_hvm);
        boolean directio = i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_directio);
        p.line("virt_caps              :" + (pv ? " pv" : "") + (hvm ? " hvm" : "")
                + (hvm && directio ? " hvm_directio" : "") + (pv && directio ? " pv_directio" : "")
                + (i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_hap) ? " hap" : "")
                + (i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_shadow) ? " shadow" : "")
                + (i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share) ? " iommu_hap_pt_share" : "")
                + (i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_vmtrace) ? " vmtrace" : "")
                + (i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_vpmu) ? " vpmu" : "")
                + (i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_gnttab_v1) ? " gnttab-v1" : "")
                + (i.hasCapability(XenConstants.XEN_SYSCTL_PHYSCAP_gnttab_v2) ? " gnttab-v2" : ""));
        long per = (1L << 20) / h.pageSize();
        p.line("total_memory           : " + Long.toUnsignedString(Long.divideUnsigned(i.totalPages(), per)));
        p.line("free_memory            : " + Long.toUnsignedString(
                Long.divideUnsigned(i.freePages() - i.outstandingPages(), per)));
        p.line("sharing_freed_memory   : " + Long.toUnsignedString(Long.divideUnsigned(h.sharingFreedPages(), per)));
        p.line("sharing_used_memory    : " + Long.toUnsignedString(Long.divideUnsigned(h.sharingUsedFrames(), per)));
        p.line("outstanding_claims     : " + Long.toUnsignedString(Long.divideUnsigned(i.outstandingPages(), per)));
        if (h.freeCpus() != null) {
            p.line("free_cpus              : " + h.freeCpus().cardinality());
        }
    }

    private static void xenInfo(Printer p, HostReport h) {
        VersionInfo v = h.version();
        p.line("xen_major              : " + v.major());
        p.line("xen_minor              : " + v.minor());
        p.line("xen_extra              : " + v.extraVersion());
        p.line("xen_version            : " + v.major() + "." + v.minor() + v.extraVersion());
        p.line("xen_caps               : " + v.capabilities());
        p.line("xen_scheduler          : " + h.scheduler());
        p.line("xen_pagesize           : " + Integer.toUnsignedString(h.pageSize()));
        p.line("platform_params        : virt_start=0x" + Long.toHexString(h.virtStart()));
        p.line("xen_changeset          : " + v.changeset());
        p.line("xen_commandline        : " + v.commandline());
        p.line("cc_compiler            : " + v.compiler());
        p.line("cc_compile_by          : " + v.compileBy());
        p.line("cc_compile_domain      : " + v.compileDomain());
        p.line("cc_compile_date        : " + v.compileDate());
        p.line("build_id               : " + h.buildId());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
