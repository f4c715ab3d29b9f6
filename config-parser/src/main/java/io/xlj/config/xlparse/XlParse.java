package io.xlj.config.xlparse;

import io.xlj.config.ConfigValue;
import io.xlj.config.Errno;
import io.xlj.config.GlobalConfig;
import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;
import io.xlj.config.model.ActionOnShutdown;
import io.xlj.config.model.AltP2mMode;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceModelVersion;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainCreateInfo;
import io.xlj.config.model.DomainSchedParams;
import io.xlj.config.model.DomainType;
import io.xlj.config.model.GicVersion;
import io.xlj.config.model.HvmBuildInfo;
import io.xlj.config.model.IomemRange;
import io.xlj.config.model.IoportRange;
import io.xlj.config.model.LibxlEnums;
import io.xlj.config.model.Passthrough;
import io.xlj.config.model.PvBuildInfo;
import io.xlj.config.model.PvhBuildInfo;
import io.xlj.config.model.TeeType;
import io.xlj.config.model.TimerMode;
import io.xlj.config.model.TscMode;
import io.xlj.config.model.VuartType;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * xl 4.17's parse_config_data (tools/xl/xl_parse.c): an xl.cfg text to a
 * {@link DomainConfig}, with xl's defaults, validations, warnings and error messages,
 * in xl's order (the order decides which message a broken file gets first). Errors
 * print xl's words on {@code err} and throw {@link XlExit} with xl's exit status.
 *
 * <p>Spec strings inside device lists are parsed by {@link DeviceLists}; this class
 * owns the top-level keys.
 */
public final class XlParse {

    /** exit(-ERROR_FAIL). */
    private static final long ERROR_FAIL = 3;

    private final GlobalConfig globals;
    private final PrintStream err;
    private final HostInfo host;

    private XlConfig config;
    private final DomainCreateInfo.Builder c = new DomainCreateInfo.Builder();
    private final DomainBuildInfo.Builder b = new DomainBuildInfo.Builder();
    private final HvmBuildInfo.Builder hvm = new HvmBuildInfo.Builder();
    private PvBuildInfo pv = PvBuildInfo.DEFAULT;
    private PvhBuildInfo pvh = PvhBuildInfo.DEFAULT;
    private final DeviceLists devices;
    private final ActionOnShutdown[] actions = new ActionOnShutdown[5];


    public XlParse(GlobalConfig globals, HostInfo host, PrintStream err) {
        this.globals = globals;
        this.err = err;
        this.host = host;
        this.devices = new DeviceLists(globals, host, err);
    }

    /** Parses {@code text} (ISO-8859-1 chars) read from {@code source}, applying xl.conf's cpu masks. */
    public DomainConfig parse(String source, String text) {
        return parse(source, text, true);
    }

    /**
     * Parses {@code text} (ISO-8859-1 chars) read from {@code source}; then, unless
     * {@code ignoreGlobalAffinityMasks} ({@code xl create -i}), applies xl.conf's vm.*cpumask
     * as create_domain does.
     */
    public DomainConfig parse(String source, String text, boolean applyGlobalAffinityMasks) {
        config = new XlConfig(source, err);
        int e = config.readData(text);
        if (e != 0) {
            fail(1, "Failed to parse config: " + Errno.strerror(e) + "\n");
        }
        parseCreateInfo();
        parseBuildInfoCommon();
        parseActions();
        devices.parsePciAndDtdev(config, c.type, hvm);
        if (c.type == DomainType.PV && devices.hasPcidevs()) {
            pv = pv.withE820Host(Defbool.TRUE);
        }
        parseMiscBuildInfo();
        switch (c.type) {
            case HVM -> new HvmOptions(config, b, hvm, err).parseTypeSpecific();
            case PV, PVH -> parsePvFirmware();
            default -> throw new IllegalStateException("domain type " + c.type);
        }
        parseAltp2mAndRanges();
        devices.parseDeviceLists(config, c.type, b);
        parseDeviceModel();
        if (c.type == DomainType.PV && devices.vfbCount() == 0) {
            devices.parseTopLevelPvVnc(config);
        } else {
            hvm.vnc = VncOptions.vnc(config, hvm.vnc);
            hvm.sdl = VncOptions.sdl(config, hvm.sdl);
        }
        config.getDefbool("dm_restrict", false).ifOk(v -> b.dmRestrict = Defbool.of(v));
        if (c.type == DomainType.HVM) {
            new HvmOptions(config, b, hvm, err).parseDisplayAndDevices();
        }
        parseArch();
        devices.parseVkbList(config);
        config.getDefbool("xend_suspend_evtchn_compat", false)
                .ifOk(v -> c.xendSuspendEvtchnCompat = Defbool.of(v));
        Lookup<Boolean> msr = config.getDefbool("msr_relaxed", false);
        if (msr.ok()) {
            b.msrRelaxed = Defbool.of(msr.value());
            err.print("WARNING: msr_relaxed will be removed in future versions.\n"
                    + "If it fixes an issue you are having please report to "
                    + "xen-devel@lists.xenproject.org.\n");
        }
        config.getDefbool("vpmu", false).ifOk(v -> b.vpmu = Defbool.of(v));
        if (applyGlobalAffinityMasks) {
            GlobalAffinity.apply(b, c.type, globals, host, err);
        }
        return build();
    }

    private DomainConfig build() {
        b.u = switch (c.type) {
            case HVM -> hvm.build();
            case PV -> pv;
            case PVH -> pvh;
            default -> throw new IllegalStateException("domain type " + c.type);
        };
        return devices.assemble(c.build(), b.build(), actions);
    }

    // ---- c_info ----

    private void parseCreateInfo() {
        if (config.getString("init_seclabel", false).ok()) {
            c.ssidLabel = config.replaceString("init_seclabel", c.ssidLabel, false);
        }
        if (config.getString("seclabel", false).ok()) {
            if (c.ssidLabel != null) {
                b.execSsidLabel = config.replaceString("seclabel", b.execSsidLabel, false);
            } else {
                c.ssidLabel = config.replaceString("seclabel", c.ssidLabel, false);
            }
        }
        c.runHotplugScripts = Defbool.of(globals.runHotplugScripts() != 0);

        Lookup<String> s = config.getString("type", false);
        if (s.ok()) {
            String buf = s.value();
            if (prefixOf(buf, "hvm")) {
                c.type = DomainType.HVM;
            } else if (prefixOf(buf, "pv")) {
                c.type = DomainType.PV;
            } else if (prefixOf(buf, "pvh")) {
                c.type = DomainType.PVH;
            } else {
                fail(1, "Invalid domain type " + buf + ".\n");
            }
        }
        s = config.getString("builder", false);
        if (s.ok()) {
            String buf = s.value();
            DomainType builderType = null;
            if (prefixOf(buf, "hvm")) {
                builderType = DomainType.HVM;
            } else if (prefixOf(buf, "generic")) {
                builderType = DomainType.PV;
            } else {
                fail(1, "Invalid domain type " + buf + ".\n");
            }
            if (c.type != DomainType.INVALID && c.type != builderType) {
                fail(1, "Contradicting \"builder\" and \"type\" options specified.\n");
            }
            c.type = builderType;
        }
        if (c.type == DomainType.INVALID) {
            c.type = host.arm() ? DomainType.PVH : DomainType.PV;
        }
        config.getDefbool("hap", false).ifOk(v -> c.hap = Defbool.of(v));

        s = config.getString("name", false);
        if (!s.ok()) {
            fail(1, "Domain name must be specified.\n");
        }
        c.name = s.value();

        s = config.getString("uuid", false);
        if (s.ok()) {
            c.uuid = Uuids.parse(s.value());
            if (c.uuid == null) {
                fail(1, "Failed to parse UUID: " + s.value() + "\n");
            }
            if (Uuids.NIL.equals(c.uuid)) {
                c.uuid = null;
            }
        } else {
            c.uuid = UUID.randomUUID().toString();
        }
        config.getDefbool("oos", false).ifOk(v -> c.oos = Defbool.of(v));
        if (config.getString("pool", false).ok()) {
            c.poolName = config.replaceString("pool", c.poolName, false);
        }

        if (c.type == DomainType.PVH) {
            Defbool shim = Getters.defbool(config, "pvshim", Defbool.DEFAULT);
            String path = stringIfSet("pvshim_path");
            String cmdline = stringIfSet("pvshim_cmdline");
            String extra = stringIfSet("pvshim_extra");
            pvh = new PvhBuildInfo(shim, path, cmdline, extra);
        }
        b.blkdevStart = globals.blkdevStart();
    }

    /** xl's {@code if (!get_string(k)) replace_string(k)}: the value, or null when unset or a list. */
    private String stringIfSet(String key) {
        Lookup<String> s = config.getString(key, false);
        return s.ok() ? config.replaceString(key, null, false) : null;
    }

    // ---- b_info: memory, vcpus, scheduling, grants ----

    private void parseBuildInfoCommon() {
        DomainSchedParams sp = b.schedParams;
        int weight = intOr("cpu_weight", sp.weight());
        int cap = intOr("cap", sp.cap());
        int period = intOr("period", sp.period());
        int slice = intOr("slice", sp.slice());
        int latency = intOr("latency", sp.latency());
        int extratime = intOr("extratime", sp.extratime());
        b.schedParams = new DomainSchedParams(sp.sched(), weight, cap, period, sp.budget(), extratime,
                slice, latency);

        config.getLong("memory", false).ifOk(l -> b.targetMemkb = l * 1024);
        config.getLong("maxmem", false).ifOk(l -> b.maxMemkb = l * 1024);

        long vcpus = 0;
        Lookup<Long> l = config.getLong("vcpus", false);
        if (l.ok()) {
            vcpus = l.value();
            int n = (int) vcpus;
            if (n < 0) {
                err.print("libxl: error: libxl_utils.c:809:libxl_cpu_bitmap_alloc: "
                        + "invalid number of cpus provided\n");
                fail(1, "Unable to allocate cpumap\n");
            }
            int bits = n == 0 ? host.maxCpus() : n;
            b.availVcpus = new java.util.BitSet();
            long count = vcpus;
            while (count-- > 0) {
                // libxl_bitmap_set ignores bits beyond the allocated bytes.
                if (count < ((bits + 7L) / 8) * 8) {
                    b.availVcpus.set((int) count);
                }
            }
        }
        config.getLong("maxvcpus", false).ifOk(v -> b.maxVcpus = (int) (long) v);

        Lookup<String> s = config.getString("vuart", false);
        if (s.ok()) {
            VuartType v = LibxlEnums.fromString(VuartType.class, s.value());
            if (v == null) {
                fail(1, "ERROR: invalid value \"" + s.value() + "\" for \"vuart\"\n");
            }
            b.vuart = v;
        }


        devices.parseVnuma(config, b);

        if (b.maxMemkb == -1L) {
            b.maxMemkb = b.targetMemkb;
        }
        if (b.maxVcpus == 0) {
            b.maxVcpus = (int) vcpus;
        }
        if (b.maxVcpus < vcpus) {
            fail(1, "xl: maxvcpus < vcpus\n");
        }

        devices.parseAffinity(config, b);

        b.maxGrantFrames = grantLimit("max_grant_frames", globals.maxGrantFrames());
        b.maxMaptrackFrames = grantLimit("max_maptrack_frames", globals.maxMaptrackFrames());
        b.maxGrantVersion = (int) grantLimit("max_grant_version", globals.maxGrantVersion());

        b.claimMode = Defbool.of(globals.claimMode() != 0);
    }

    private int intOr(String key, int current) {
        return Getters.intOr(config, key, current);
    }

    private long grantLimit(String key, long global) {
        Lookup<Long> l = config.getBoundedLong(key, 0, Integer.MAX_VALUE, true);
        if (l.missing()) {
            return global & 0xffffffffL;
        }
        if (!l.ok()) {
            throw new XlExit(1);
        }
        return l.value();
    }

    // ---- on_* ----

    private void parseActions() {
        actions[0] = action("on_poweroff", "destroy");
        actions[1] = action("on_reboot", "restart");
        actions[2] = action("on_watchdog", "destroy");
        actions[3] = action("on_crash", "destroy");
        actions[4] = action("on_soft_reset", "soft-reset");
        if (c.type == DomainType.PV) {
            config.getDefbool("e820_host", false).ifOk(v -> pv = pv.withE820Host(Defbool.of(v)));
        }
    }

    private ActionOnShutdown action(String key, String dflt) {
        Lookup<String> s = config.getString(key, false);
        String buf = s.ok() ? s.value() : dflt;
        ActionOnShutdown a = Arrays.stream(ActionOnShutdown.values())
                .filter(v -> v.xlName().equals(buf)).findFirst().orElse(null);
        if (a == null) {
            fail(1, "Unknown " + key + " action \"" + buf + "\" specified\n");
        }
        return a;
    }

    // ---- the options between the pci list and the type switch ----

    private void parseMiscBuildInfo() {
        Lookup<String> s = config.getString("passthrough", false);
        if (s.ok()) {
            Passthrough p = LibxlEnums.fromString(Passthrough.class, s.value());
            if (p == null) {
                fail(1, "ERROR: unknown passthrough option '" + s.value() + "'\n");
            }
            c.passthrough = p;
        }
        config.getLong("shadow_memory", false).ifOk(l -> b.shadowMemkb = l * 1024);
        config.getDefbool("nomigrate", false).ifOk(v -> b.disableMigrate = Defbool.of(v));

        Lookup<Long> l = config.getLong("tsc_mode", true);
        if (l.ok()) {
            long v = l.value();
            TscMode named = LibxlEnums.fromValue(TscMode.class, (int) v);
            err.print("WARNING: specifying \"tsc_mode\" as an integer is deprecated. "
                    + "Please use the named parameter variant. "
                    + (named != null ? "e.g. tsc_mode=\"" + named.libxlName() + "\"" : "") + "\n");
            if (v < 0 || v > 3) {
                fail(1, "ERROR: invalid value " + v + " for \"tsc_mode\"\n");
            }
            b.tscMode = named;
        } else {
            s = config.getString("tsc_mode", false);
            if (s.ok()) {
                err.print("got a tsc mode string: \"" + s.value() + "\"\n");
                TscMode t = LibxlEnums.fromString(TscMode.class, s.value());
                if (t == null) {
                    fail(1, "ERROR: invalid value \"" + s.value() + "\" for \"tsc_mode\"\n");
                }
                b.tscMode = t;
            }
        }
        config.getLong("rtc_timeoffset", false).ifOk(v -> b.rtcTimeoffset = v & 0xffffffffL);
        if (config.getLong("vncviewer", false).ok()) {
            err.print("WARNING: ignoring \"vncviewer\" option. "
                    + "Use \"-V\" option of \"xl create\" to automatically spawn vncviewer.\n");
        }
        config.getDefbool("localtime", false).ifOk(v -> b.localtime = Defbool.of(v));
        config.getLong("videoram", false).ifOk(v -> b.videoMemkb = v * 1024);
        config.getLong("max_event_channels", false).ifOk(v -> b.eventChannels = v & 0xffffffffL);

        b.kernel = config.replaceString("kernel", b.kernel, false);
        b.ramdisk = config.replaceString("ramdisk", b.ramdisk, false);
        b.deviceTree = config.replaceString("device_tree", b.deviceTree, false);
        b.cmdline = parseCmdline();

        config.getDefbool("driver_domain", false).ifOk(v -> c.driverDomain = Defbool.of(v));
        config.getDefbool("acpi", false).ifOk(v -> b.acpi = Defbool.of(v));

        b.bootloader = config.replaceString("bootloader", b.bootloader, false);
        Lookup<List<String>> args = config.getListAsStringList("bootloader_args", true);
        if (args.ok()) {
            b.bootloaderArgs = untilNull(args.value());
        } else if (args.error() == Errno.EINVAL) {
            s = config.getString("bootloader_args", false);
            if (s.ok()) {
                err.print("WARNING: Specifying \"bootloader_args\" as a string is deprecated. "
                        + "Please use a list of arguments.\n");
                b.bootloaderArgs = splitStringIntoStringList(s.value(), " \t\n");
            }
        } else if (!args.missing()) {
            fail(ERROR_FAIL, "xl: Unable to parse bootloader_args.\n");
        }

        l = config.getLong("timer_mode", true);
        if (l.ok()) {
            long v = l.value();
            TimerMode named = LibxlEnums.fromValue(TimerMode.class, (int) v);
            if (named == TimerMode.UNKNOWN) {
                // libxl_timer_mode_to_string(-1) names "unknown" too.
                named = TimerMode.UNKNOWN;
            }
            if (c.type == DomainType.PV) {
                fail(ERROR_FAIL, "ERROR: \"timer_mode\" option is not supported for PV guests.\n");
            }
            err.print("WARNING: specifying \"timer_mode\" as an integer is deprecated. "
                    + "Please use the named parameter variant. "
                    + (named != null ? "e.g. timer_mode=\"" + named.libxlName() + "\"" : "") + "\n");
            if (v < 0 || v > 3) {
                fail(1, "ERROR: invalid value " + v + " for \"timer_mode\"\n");
            }
            b.timerMode = named;
        } else {
            s = config.getString("timer_mode", false);
            if (s.ok()) {
                if (c.type == DomainType.PV) {
                    fail(ERROR_FAIL, "ERROR: \"timer_mode\" option is not supported for PV guests.\n");
                }
                TimerMode t = LibxlEnums.fromString(TimerMode.class, s.value());
                if (t == null) {
                    fail(1, "ERROR: invalid value \"" + s.value() + "\" for \"timer_mode\"\n");
                }
                b.timerMode = t;
            }
        }
        config.getDefbool("nestedhvm", false).ifOk(v -> b.nestedHvm = Defbool.of(v));
    }

    /** parse_cmdline: cmdline wins over root= and extra=. */
    private String parseCmdline() {
        String buf = config.getString("cmdline", false).orElse(null);
        String root = config.getString("root", false).orElse(null);
        String extra = config.getString("extra", false).orElse(null);
        if (buf != null) {
            if (root != null || extra != null) {
                err.print("Warning: ignoring root= and extra= in favour of cmdline=\n");
            }
            return buf;
        }
        if (root != null && extra != null) {
            return "root=" + root + " " + extra;
        }
        if (root != null) {
            return "root=" + root;
        }
        return extra;
    }

    // ---- PV and PVH: firmware= and the kernel/bootloader check ----

    private void parsePvFirmware() {
        Lookup<String> s = config.getString("firmware", false);
        if (s.ok()) {
            if (b.kernel != null) {
                fail(1, "ERROR: both kernel and firmware specified\n");
            }
            String buf = s.value();
            if (!prefixOf(buf, "pvgrub32") && !prefixOf(buf, "pvgrub64")) {
                fail(1, "ERROR: only pvgrub{32|64} supported as firmware options\n");
            }
            b.kernel = host.firmwareDir() + "/" + buf + ".bin";
        }
        if (b.bootloader == null && b.kernel == null) {
            fail(1, "Neither kernel nor bootloader specified\n");
        }
    }

    // ---- altp2m, vmtrace, ioports, irqs, iomem ----

    private void parseAltp2mAndRanges() {
        Lookup<Long> l = config.getLong("altp2m", true);
        if (l.ok()) {
            long v = l.value();
            if (v < 0 || v > 3) {
                fail(1, "ERROR: invalid value " + v + " for \"altp2m\"\n");
            }
            b.altp2m = LibxlEnums.fromValue(AltP2mMode.class, (int) v);
        } else {
            Lookup<String> s = config.getString("altp2m", false);
            if (s.ok()) {
                AltP2mMode m = LibxlEnums.fromString(AltP2mMode.class, s.value());
                if (m == null) {
                    fail(1, "ERROR: invalid value \"" + s.value() + "\" for \"altp2m\"\n");
                }
                b.altp2m = m;
            }
        }
        l = config.getLong("vmtrace_buf_kb", true);
        if (l.ok() && l.value() != 0) {
            b.vmtraceBufKb = (int) (long) l.value();
        }
        parseIoports();
        parseIrqs();
        parseIomem();
    }

    private void parseIoports() {
        Lookup<ConfigValue.ListValue> list = config.getList("ioports", false);
        if (!list.ok()) {
            return;
        }
        ConfigValue.ListValue ioports = list.value();
        List<IoportRange> out = new ArrayList<>();
        for (int i = 0; i < ioports.size(); i++) {
            String buf = ioports.itemString(i);
            if (buf == null) {
                fail(1, "xl: Unable to get element #" + i + " in ioport list\n");
            }
            io.xlj.config.CNumbers.Parsed p = io.xlj.config.CNumbers.strtoul(buf, 16);
            if (p.end() == 0) {
                fail(1, "xl: Invalid argument parsing ioport: " + buf + "\n");
            }
            if (Long.compareUnsigned(p.value(), 0xffffffffL) >= 0) {
                fail(1, "xl: ioport " + Long.toHexString(p.value()) + " too big\n");
            }
            long start = p.value();
            long end = start;
            String rest = buf.substring(p.end());
            if (rest.startsWith("-")) {
                String buf2 = rest.substring(1);
                io.xlj.config.CNumbers.Parsed q = io.xlj.config.CNumbers.strtoul(buf2, 16);
                if (q.end() == 0 || q.end() != cLength(buf2) || start > end) {
                    fail(1, "xl: Invalid argument parsing ioport: " + buf + "\n");
                }
                if (Long.compareUnsigned(q.value(), 0xffffffffL) >= 0) {
                    fail(1, "xl: ioport " + Long.toHexString(q.value()) + " too big\n");
                }
                end = q.value();
            } else if (!rest.isEmpty() && rest.charAt(0) != '\0') {
                err.print("xl: Invalid argument parsing ioport: " + buf + "\n");
            }
            out.add(new IoportRange(start, (end - start + 1) & 0xffffffffL));
        }
        b.ioports = out;
    }

    private void parseIrqs() {
        Lookup<ConfigValue.ListValue> list = config.getList("irqs", false);
        if (!list.ok()) {
            return;
        }
        ConfigValue.ListValue irqs = list.value();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < irqs.size(); i++) {
            String buf = irqs.itemString(i);
            if (buf == null) {
                fail(1, "xl: Unable to get element " + i + " in irq list\n");
            }
            io.xlj.config.CNumbers.Parsed p = io.xlj.config.CNumbers.strtoul(buf, 10);
            if (p.end() == 0 || p.end() != cLength(buf)) {
                fail(1, "xl: Invalid argument parsing irq: " + buf + "\n");
            }
            if (Long.compareUnsigned(p.value(), 0xffffffffL) >= 0) {
                fail(1, "xl: irq " + Long.toHexString(p.value()) + " too big\n");
            }
            out.add(p.value());
        }
        b.irqs = out;
    }

    private void parseIomem() {
        Lookup<ConfigValue.ListValue> list = config.getList("iomem", false);
        if (!list.ok()) {
            return;
        }
        ConfigValue.ListValue iomem = list.value();
        List<IomemRange> out = new ArrayList<>();
        for (int i = 0; i < iomem.size(); i++) {
            String buf = iomem.itemString(i);
            if (buf == null) {
                fail(1, "xl: Unable to get element " + i + " in iomem list\n");
            }
            IomemRange r = IomemSpec.parse(buf);
            if (r == null) {
                fail(1, "xl: Invalid argument parsing iomem: " + buf + "\n");
            }
            out.add(r);
        }
        b.iomem = out;
    }

    // ---- device model ----

    private void parseDeviceModel() {
        Lookup<String> s = config.getString("device_model", false);
        if (s.ok()) {
            err.print("WARNING: ignoring device_model directive.\n"
                    + "WARNING: Use \"device_model_override\" instead if you really want a "
                    + "non-default device_model\n");
            if (s.value().contains("stubdom-dm")) {
                if (c.type == DomainType.HVM) {
                    err.print("WARNING: Or use \"device_model_stubdomain_override\" if you  "
                            + "want to enable stubdomains\n");
                } else {
                    err.print("WARNING: ignoring \"device_model_stubdomain_override\" directive"
                            + " for pv guest\n");
                }
            }
        }
        b.deviceModel = config.replaceString("device_model_override", b.deviceModel, false);
        s = config.getString("device_model_version", false);
        if (s.ok()) {
            if (s.value().equals("qemu-xen-traditional")) {
                b.deviceModelVersion = DeviceModelVersion.QEMU_XEN_TRADITIONAL;
            } else if (s.value().equals("qemu-xen")) {
                b.deviceModelVersion = DeviceModelVersion.QEMU_XEN;
            } else {
                fail(1, "Unknown device_model_version \"" + s.value() + "\" specified\n");
            }
        } else if (b.deviceModel != null) {
            err.print("WARNING: device model override given without specific DM version\n");
        }
        config.getDefbool("device_model_stubdomain_override", false)
                .ifOk(v -> b.deviceModelStubdomain = Defbool.of(v));
        if (config.getString("device_model_stubdomain_seclabel", false).ok()) {
            b.deviceModelSsidLabel = config.replaceString("device_model_stubdomain_seclabel",
                    b.deviceModelSsidLabel, false);
        }
        b.deviceModelUser = config.replaceString("device_model_user", b.deviceModelUser, false);
        b.stubdomainKernel = config.replaceString("stubdomain_kernel", b.stubdomainKernel, false);
        b.stubdomainCmdline = config.replaceString("stubdomain_cmdline", b.stubdomainCmdline, false);
        b.stubdomainRamdisk = config.replaceString("stubdomain_ramdisk", b.stubdomainRamdisk, false);
        config.getLong("stubdomain_memory", false).ifOk(v -> b.stubdomainMemkb = v * 1024);

        b.extra = extraArgs("device_model_args", b.extra);
        b.extraPv = extraArgs("device_model_args_pv", b.extraPv);
        b.extraHvm = extraArgs("device_model_args_hvm", b.extraHvm);
    }

    private List<String> extraArgs(String key, List<String> current) {
        Lookup<List<String>> l = config.getListAsStringList(key, false);
        if (l.ok()) {
            return untilNull(l.value());
        }
        if (!l.missing()) {
            fail(ERROR_FAIL, "xl: Unable to parse " + key + ".\n");
        }
        return current;
    }

    // ---- arch ----

    private void parseArch() {
        Lookup<String> s = config.getString("gic_version", true);
        if (s.ok()) {
            GicVersion g = LibxlEnums.fromString(GicVersion.class, s.value());
            if (g == null) {
                fail(ERROR_FAIL, "Unknown gic_version \"" + s.value() + "\" specified\n");
            }
            b.gicVersion = g;
        }
        s = config.getString("tee", true);
        if (s.ok()) {
            TeeType t = LibxlEnums.fromString(TeeType.class, s.value());
            if (t == null) {
                fail(ERROR_FAIL, "Unknown tee \"" + s.value() + "\" specified\n");
            }
            b.tee = t;
        }
    }

    // ---- helpers shared with the other parts of the parser ----

    /** C's {@code !strncmp(buf, word, strlen(buf))}: buf is a prefix of word ("" matches). */
    static boolean prefixOf(String buf, String word) {
        return word.startsWith(buf);
    }

    /** A C string ends at its first NUL. */
    static int cLength(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s.length() : z;
    }

    /** A libxl_string_list ends at its first NULL entry (a list item that was a list). */
    static List<String> untilNull(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String s : items) {
            if (s == null) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /** split_string_into_string_list: split on any delimiter char, dropping empty pieces. */
    static List<String> splitStringIntoStringList(String str, String delims) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String s = str.substring(0, cLength(str));
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (delims.indexOf(ch) >= 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(ch);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private void fail(long status, String message) {
        err.print(message);
        throw new XlExit((int) status);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
