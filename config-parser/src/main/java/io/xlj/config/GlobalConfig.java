package io.xlj.config;

import java.io.PrintStream;

/**
 * /etc/xen/xl.conf as xl 4.17 reads it (xl.c parse_global_config): same keys,
 * defaults, deprecation notes and messages (some of xl's lack a newline; so
 * do ours).  The CPU masks are kept as text for the cpu-range parser.
 *
 * @param autoballoon        1 on, 0 off, -1 auto (caller decides from Xen's dom0_mem)
 * @param maxGrantVersion    -1 (LIBXL_MAX_GRANT_DEFAULT) unless set
 * @param domidPolicy        0xFFFFFFFF (INVALID_DOMID, "xen") or 0xFFFFFFFE (RANDOM_DOMID)
 * @param vmCpumask          null when unset (any CPU)
 */
public record GlobalConfig(
        int autoballoon,
        int runHotplugScripts,
        String lockfile,
        String defaultVifscript,
        String defaultBridge,
        String defaultGatewaydev,
        String defaultVifbackend,
        OutputFormat outputFormat,
        String blkdevStart,
        int claimMode,
        String remusNetbufscript,
        String coloProxyScript,
        int maxGrantFrames,
        int maxMaptrackFrames,
        int maxGrantVersion,
        String vmCpumask,
        String vmHvmCpumask,
        String vmPvCpumask,
        int domidPolicy) {

    public static final String PATH = "/etc/xen/xl.conf";
    public static final String DEFAULT_LOCKFILE = "/var/lock/xl";
    public static final int INVALID_DOMID = 0xFFFFFFFF;
    public static final int RANDOM_DOMID = 0xFFFFFFFE;

    public enum OutputFormat { JSON, SXP }

    /** What xl uses when xl.conf is empty. */
    public static GlobalConfig defaults() {
        return new GlobalConfig(-1, 1, DEFAULT_LOCKFILE, null, null, null, null, OutputFormat.JSON,
                null, 1, null, null, -1, -1, -1, null, null, null, INVALID_DOMID);
    }

    private static final String SIZE = "-?[0-9]+[bBkKmMgGtT]?";
    private static final java.util.regex.Pattern DOM0_MEM = java.util.regex.Pattern.compile(
            "(^| )dom0_mem=((|min:|max:)(" + SIZE + "|(" + SIZE + "\\+)?[0-9]{1,2}%),?)+($| )");

    /**
     * xl's auto_autoballoon(): with {@code autoballoon="auto"} (the default),
     * ballooning is on unless Xen's command line sets dom0_mem.
     */
    public static boolean autoAutoballoon(String xenCommandline) {
        return xenCommandline == null || !DOM0_MEM.matcher(xenCommandline).find();
    }

    /** Thrown where xl exits with status 1 while reading xl.conf (its message, if any, is printed). */
    public static final class Fatal extends Exception {
        private static final long serialVersionUID = 1L;

        public Fatal() {
            super("xl.conf is unusable", null, false, false);
        }
    }

    /** parse_global_config(source, data): messages go to {@code err}. */
    public static GlobalConfig parse(String source, byte[] data, PrintStream err) throws Fatal {
        XlConfig c = new XlConfig(source, err);
        int e = c.readData(data);
        if (e != 0) {
            err.print("Failed to parse config file: " + Errno.strerror(e) + "\n");
            throw new Fatal();
        }
        int autoballoon = -1;
        Lookup<String> s = c.getString("autoballoon", false);
        if (s.ok()) {
            switch (s.value()) {
                case "on", "1" -> autoballoon = 1;
                case "off", "0" -> autoballoon = 0;
                case "auto" -> autoballoon = -1;
                default -> err.print("invalid autoballoon option");
            }
        }
        int runHotplug = c.getLong("run_hotplug_scripts", false).orElse(1L).intValue();
        String lockfile = c.getString("lockfile", false).orElse(DEFAULT_LOCKFILE);

        String vifscript = null;
        if ((s = c.getString("vifscript", false)).ok()) {
            err.print("the global config option vifscript is deprecated, please switch to vif.default.script\n");
            vifscript = s.value();
        }
        vifscript = c.getString("vif.default.script", false).orElse(vifscript);
        String bridge = null;
        if ((s = c.getString("defaultbridge", false)).ok()) {
            err.print("the global config option defaultbridge is deprecated, please switch to vif.default.bridge\n");
            bridge = s.value();
        }
        bridge = c.getString("vif.default.bridge", false).orElse(bridge);
        String gatewaydev = c.getString("vif.default.gatewaydev", false).orElse(null);
        String vifbackend = c.getString("vif.default.backend", false).orElse(null);

        OutputFormat format = OutputFormat.JSON;
        if ((s = c.getString("output_format", false)).ok()) {
            switch (s.value()) {
                case "json" -> format = OutputFormat.JSON;
                case "sxp" -> format = OutputFormat.SXP;
                default -> err.print("invalid default output format \"" + s.value() + "\"\n");
            }
        }
        String blkdevStart = c.getString("blkdev_start", false).orElse(null);
        int claimMode = c.getLong("claim_mode", false).orElse(1L).intValue();
        String netbuf = c.replaceString("remus.default.netbufscript", null, false);
        String proxy = c.replaceString("colo.default.proxyscript", null, false);

        int maxGrantFrames = boundedOrExit(c, "max_grant_frames", -1);
        int maxMaptrackFrames = boundedOrExit(c, "max_maptrack_frames", -1);
        int maxGrantVersion = boundedOrExit(c, "max_grant_version", -1);

        String vmMask = c.getString("vm.cpumask", false).orElse(null);
        String hvmMask = c.getString("vm.hvm.cpumask", false).orElse(null);
        String pvMask = c.getString("vm.pv.cpumask", false).orElse(null);

        int domidPolicy = INVALID_DOMID;
        if ((s = c.getString("domid_policy", false)).ok()) {
            switch (s.value()) {
                case "xen" -> domidPolicy = INVALID_DOMID;
                case "random" -> domidPolicy = RANDOM_DOMID;
                default -> err.print("invalid domid_policy option");
            }
        }
        return new GlobalConfig(autoballoon, runHotplug, lockfile, vifscript, bridge, gatewaydev, vifbackend,
                format, blkdevStart, claimMode, netbuf, proxy, maxGrantFrames, maxMaptrackFrames,
                maxGrantVersion, vmMask, hvmMask, pvMask, domidPolicy);
    }

    /** xl silently exits 1 when these are set but unusable. */
    private static int boundedOrExit(XlConfig c, String key, int dflt) throws Fatal {
        Lookup<Long> l = c.getBoundedLong(key, 0, Integer.MAX_VALUE, true);
        if (l.ok()) return l.value().intValue();
        if (l.missing()) return dflt;
        throw new Fatal();
    }
}
