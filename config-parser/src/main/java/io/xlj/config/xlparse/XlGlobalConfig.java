package io.xlj.config.xlparse;

import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The settings of the global xl.conf (xl.c parse_global_config, Xen 4.17) that change what
 * {@code xl create} parses and prints. Defaults are xl's when the file or a key is absent.
 *
 * @param runHotplugScripts      run_hotplug_scripts (c_info.run_hotplug_scripts)
 * @param claimMode              claim_mode (b_info.claim_mode)
 * @param blkdevStart            blkdev_start, or null
 * @param maxGrantFrames         max_grant_frames, -1 when unset
 * @param maxMaptrackFrames      max_maptrack_frames, -1 when unset
 * @param maxGrantVersion        max_grant_version, -1 (LIBXL_MAX_GRANT_DEFAULT) when unset
 * @param vifScript              vif.default.script (or deprecated vifscript), or null
 * @param bridge                 vif.default.bridge (or deprecated defaultbridge), or null
 * @param gatewaydev             vif.default.gatewaydev, or null
 * @param vifBackend             vif.default.backend, or null
 * @param outputFormatSxp        output_format="sxp"
 * @param vmCpumask              vm.cpumask text, or null for "all"
 * @param vmHvmCpumask           vm.hvm.cpumask text, or null
 * @param vmPvCpumask            vm.pv.cpumask text, or null
 */
public record XlGlobalConfig(boolean runHotplugScripts, boolean claimMode, String blkdevStart,
                             long maxGrantFrames, long maxMaptrackFrames, long maxGrantVersion,
                             String vifScript, String bridge, String gatewaydev, String vifBackend,
                             boolean outputFormatSxp, String vmCpumask, String vmHvmCpumask,
                             String vmPvCpumask) {

    /** XL_GLOBAL_CONFIG as Debian builds xl. */
    public static final Path DEFAULT_PATH = Path.of("/etc/xen/xl.conf");

    public static final XlGlobalConfig DEFAULTS = new XlGlobalConfig(true, true, null, -1, -1, -1,
            null, null, null, null, false, null, null, null);

    /**
     * Reads the global config as xl's main() does: an absent file is reported
     * ("Failed to read config file: …") and then parsed as empty, so defaults apply;
     * parse problems are reported on {@code err} with xl's words.
     */
    public static XlGlobalConfig load(Path path, PrintStream err) {
        String text = "";
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            err.print("Failed to read config file: " + path + ": No such file or directory\n");
        } catch (java.io.IOException e) {
            err.print("Failed to read config file: " + path + ": " + e.getMessage() + "\n");
        }
        return parse(path.toString(), text, err);
    }

    static XlGlobalConfig parse(String source, String text, PrintStream err) {
        XlConfig cfg = new XlConfig(source, err);
        int e = cfg.readData(text);
        if (e != 0) {
            err.print("Failed to parse config file: " + io.xlj.config.Errno.strerror(e) + "\n");
            throw new XlExit(1);
        }
        String autoballoon = cfg.getString("autoballoon", false).orElse(null);
        if (autoballoon != null && !autoballoon.equals("on") && !autoballoon.equals("1")
                && !autoballoon.equals("off") && !autoballoon.equals("0") && !autoballoon.equals("auto")) {
            err.print("invalid autoballoon option");
        }
        boolean runHotplug = DEFAULTS.runHotplugScripts;
        Lookup<Long> l = cfg.getLong("run_hotplug_scripts", false);
        if (l.ok()) {
            runHotplug = (int) (long) l.value() != 0;
        }
        cfg.getString("lockfile", false);
        String vifScript = null;
        Lookup<String> s = cfg.getString("vifscript", false);
        if (s.ok()) {
            err.print("the global config option vifscript is deprecated, please switch to vif.default.script\n");
            vifScript = s.value();
        }
        vifScript = cfg.getString("vif.default.script", false).orElse(vifScript);
        String bridge = null;
        s = cfg.getString("defaultbridge", false);
        if (s.ok()) {
            err.print("the global config option defaultbridge is deprecated, please switch to vif.default.bridge\n");
            bridge = s.value();
        }
        bridge = cfg.getString("vif.default.bridge", false).orElse(bridge);
        String gatewaydev = cfg.getString("vif.default.gatewaydev", false).orElse(null);
        String vifBackend = cfg.getString("vif.default.backend", false).orElse(null);
        boolean sxp = false;
        s = cfg.getString("output_format", false);
        if (s.ok()) {
            if (s.value().equals("sxp")) {
                sxp = true;
            } else if (!s.value().equals("json")) {
                err.print("invalid default output format \"" + s.value() + "\"\n");
            }
        }
        String blkdevStart = cfg.getString("blkdev_start", false).orElse(null);
        boolean claimMode = DEFAULTS.claimMode;
        l = cfg.getLong("claim_mode", false);
        if (l.ok()) {
            claimMode = (int) (long) l.value() != 0;
        }
        cfg.getString("remus.default.netbufscript", false);
        cfg.getString("colo.default.proxyscript", false);
        long maxGrantFrames = bounded(cfg, "max_grant_frames", -1);
        long maxMaptrackFrames = bounded(cfg, "max_maptrack_frames", -1);
        long maxGrantVersion = bounded(cfg, "max_grant_version", -1);
        String vm = cfg.getString("vm.cpumask", false).orElse(null);
        String hvm = cfg.getString("vm.hvm.cpumask", false).orElse(null);
        String pv = cfg.getString("vm.pv.cpumask", false).orElse(null);
        s = cfg.getString("domid_policy", false);
        if (s.ok() && !s.value().equals("xen") && !s.value().equals("random")) {
            err.print("invalid domid_policy option");
        }
        return new XlGlobalConfig(runHotplug, claimMode, blkdevStart, maxGrantFrames, maxMaptrackFrames,
                maxGrantVersion, vifScript, bridge, gatewaydev, vifBackend, sxp, vm, hvm, pv);
    }

    /** xl's pattern for the grant limits: silently exit(1) on a bad value. */
    private static long bounded(XlConfig cfg, String key, long dflt) {
        Lookup<Long> l = cfg.getBoundedLong(key, 0, Integer.MAX_VALUE, true);
        if (l.ok()) {
            return l.value();
        }
        if (l.missing()) {
            return dflt;
        }
        throw new XlExit(1);
    }
}
