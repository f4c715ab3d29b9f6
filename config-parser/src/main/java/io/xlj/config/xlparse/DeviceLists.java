package io.xlj.config.xlparse;

import io.xlj.config.ConfigValue;
import io.xlj.config.GlobalConfig;
import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;
import io.xlj.config.model.ActionOnShutdown;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainCreateInfo;
import io.xlj.config.model.DomainType;
import io.xlj.config.model.IdlJson;
import io.xlj.config.model.LibxlJson;

import io.xlj.config.model.Bitmap;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceNic;
import io.xlj.config.spec.CpuRangeParser;
import io.xlj.config.spec.DiskSpecParser;
import io.xlj.config.spec.NicSpecParser;
import io.xlj.config.spec.SpecException;

import java.io.PrintStream;
import java.util.BitSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The device lists of parse_config_data (disk, vif, pci, vfb, …) and the spec-driven
 * b_info parts (vnuma, cpu affinity). Each list item is handed to the spec parsers of
 * io.xlj.config.spec; this class keeps xl's loop shapes (stop at the first item that is
 * not a string, devids by position) and the order in which xl reads the lists.
 */
final class DeviceLists {

    private final GlobalConfig globals;
    private final HostInfo host;
    private final PrintStream err;

    private final List<LibxlJson> disks = new ArrayList<>();
    private final List<LibxlJson> nics = new ArrayList<>();
    private final List<LibxlJson> pcidevs = new ArrayList<>();
    private final List<LibxlJson> dtdevs = new ArrayList<>();
    private final List<LibxlJson> vfbs = new ArrayList<>();
    private final List<LibxlJson> vkbs = new ArrayList<>();
    private final List<LibxlJson> vtpms = new ArrayList<>();
    private final List<LibxlJson> p9s = new ArrayList<>();
    private final List<LibxlJson> pvcallsifs = new ArrayList<>();
    private final List<LibxlJson> vdispls = new ArrayList<>();
    private final List<LibxlJson> vsnds = new ArrayList<>();
    private final List<LibxlJson> channels = new ArrayList<>();
    private final List<LibxlJson> usbctrls = new ArrayList<>();
    private final List<LibxlJson> usbdevs = new ArrayList<>();

    DeviceLists(GlobalConfig globals, HostInfo host, PrintStream err) {
        this.globals = globals;
        this.host = host;
        this.err = err;
    }

    void parseVnuma(XlConfig config, DomainBuildInfo.Builder b) {
        // vnuma= needs the spec parser (cfg-spec); not read yet.
    }

    /** cpus= and cpus_soft=: a string for every vcpu, or a list with one item per vcpu. */
    void parseAffinity(XlConfig config, DomainBuildInfo.Builder b) {
        affinity(config, b, "cpus", true);
        affinity(config, b, "cpus_soft", false);
    }

    private void affinity(XlConfig config, DomainBuildInfo.Builder b, String key, boolean hard) {
        Lookup<ConfigValue.ListValue> list = config.getList(key, true);
        String buf = null;
        if (!list.ok()) {
            Lookup<String> s = config.getString(key, false);
            if (!s.ok()) {
                return;
            }
            buf = s.value();
        }
        int numCpus = list.ok() ? list.value().size() : 0;
        if (buf != null || numCpus > b.maxVcpus) {
            numCpus = b.maxVcpus;
        }
        List<BitSet> maps = new ArrayList<>();
        if (buf == null) {
            for (int j = 0; j < numCpus && list.value().itemString(j) != null; j++) {
                maps.add(cpuRange(list.value().itemString(j)));
            }
            // C leaves the vcpus after the list's last usable item as zeroed bitmaps.
            while (maps.size() < numCpus) {
                maps.add(new BitSet());
            }
            b.numaPlacement = Defbool.FALSE;
        } else {
            if (b.maxVcpus > 0) {
                BitSet first = cpuRange(buf);
                maps.add(first);
                for (int i = 1; i < b.maxVcpus; i++) {
                    maps.add((BitSet) first.clone());
                }
            } else {
                // xl still parses the string into the (unused) first element.
                cpuRange(buf);
            }
            if (!hard) {
                b.numaPlacement = Defbool.FALSE;
            }
        }
        if (hard) {
            b.vcpuHardAffinity = maps;
        } else {
            b.vcpuSoftAffinity = maps;
        }
    }

    private BitSet cpuRange(String spec) {
        Bitmap map = CpuRangeParser.parse(spec, host.topology(), err::print);
        if (map == null) {
            throw new XlExit(1);
        }
        return map.bits();
    }

    /** pci_* defaults, rdm=, pci=[…] and dtdev=[…]. */
    void parsePciAndDtdev(XlConfig config, DomainType type, int rdmPolicy) {
        Getters.intOr(config, "pci_msitranslate", 0);
        Getters.intOr(config, "pci_power_mgmt", 0);
        Getters.intOr(config, "pci_permissive", 0);
        Getters.intOr(config, "pci_seize", 0);
        Lookup<ConfigValue.ListValue> l = config.getList("dtdev", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String path = l.value().itemString(i);
                dtdevs.add(w -> {
                    w.beginObject();
                    IdlJson.string(w, "path", path);
                    w.endObject();
                });
            }
        }
    }

    boolean hasPcidevs() {
        return !pcidevs.isEmpty();
    }

    /** disk, p9, vtpm, vdispl, pvcalls, vsnd, channel, vif, vif2, vfb, usbctrl, usbdev, cpuid. */
    void parseDeviceLists(XlConfig config, DomainType type, DomainBuildInfo.Builder b) {
        Lookup<ConfigValue.ListValue> l = config.getList("disk", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                disks.add(spec(() -> DiskSpecParser.parse(config.source(), item, err::print)));
            }
        }
        parseNics(config);
        if (config.getList("vif2", false).ok()) {
            err.print("WARNING: vif2: netchannel2 is deprecated and not supported by xl\n");
        }
    }

    private void parseNics(XlConfig config) {
        Lookup<ConfigValue.ListValue> l = config.getList("vif", false);
        if (!l.ok()) {
            return;
        }
        NicSpecParser.NicDefaults defaults = new NicSpecParser.NicDefaults(globals.defaultVifscript(),
                globals.defaultBridge(), globals.defaultGatewaydev(), globals.defaultVifbackend());
        for (int i = 0; l.value().itemString(i) != null; i++) {
            DeviceNic.Builder nic = DeviceNic.builder();
            nic.devid = i;
            defaults.applyTo(nic);
            String item = l.value().itemString(i);
            spec(() -> {
                NicSpecParser.applySpec(nic, config.source(), item, err::print);
                return null;
            });
            nics.add(nic.build());
        }
    }

    /** Runs a spec parser; where xl would exit, exits with its status. */
    private static <T> T spec(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (SpecException e) {
            throw new XlExit(e.exitCode());
        }
    }

    int vfbCount() {
        return vfbs.size();
    }

    /** A PV guest without vfb=[…]: vnc=1 at top level makes one vfb and one vkb. */
    void parseTopLevelPvVnc(XlConfig config) {
        Getters.intOr(config, "vnc", 0);
    }

    void parseVkbList(XlConfig config) {
        // vkb=[…] needs the spec parser (cfg-spec); not read yet.
    }

    DomainConfig assemble(DomainCreateInfo c, DomainBuildInfo b, ActionOnShutdown[] actions) {
        return new DomainConfig(c, b, disks, nics, pcidevs, List.of(), dtdevs, vfbs, vkbs, vtpms, p9s,
                pvcallsifs, vdispls, vsnds, channels, usbctrls, usbdevs, actions[0], actions[1], actions[2],
                actions[3], actions[4]);
    }
}
