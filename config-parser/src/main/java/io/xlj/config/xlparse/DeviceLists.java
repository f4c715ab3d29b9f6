package io.xlj.config.xlparse;

import io.xlj.config.ConfigValue;
import io.xlj.config.GlobalConfig;
import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;
import io.xlj.config.model.*;
import io.xlj.config.model.ActionOnShutdown;
import io.xlj.config.model.Bitmap;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceNic;
import io.xlj.config.model.DevicePci;
import io.xlj.config.model.DeviceVkb;
import io.xlj.config.model.DomainBuildInfo;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.model.DomainCreateInfo;
import io.xlj.config.model.DomainType;
import io.xlj.config.model.HvmBuildInfo;
import io.xlj.config.model.IdlJson;
import io.xlj.config.model.LibxlJson;
import io.xlj.config.model.RdmReserve;
import io.xlj.config.model.RdmReservePolicy;
import io.xlj.config.model.RdmReserveStrategy;
import io.xlj.config.spec.ChannelSpecParser;
import io.xlj.config.spec.CpuRangeParser;
import io.xlj.config.spec.CpuidSpecParser;
import io.xlj.config.spec.VsndSpecParser;
import io.xlj.config.spec.PciSpecParser;
import io.xlj.config.spec.SimpleDeviceSpecs;
import io.xlj.config.spec.UsbSpecParser;
import io.xlj.config.spec.VfbSpecParser;
import io.xlj.config.spec.VnumaSpecParser;
import io.xlj.config.spec.DiskSpecParser;
import io.xlj.config.spec.NicSpecParser;
import io.xlj.config.spec.SpecException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The device lists of parse_config_data (disk, vif, pci, vfb, channel, usb…) and the
 * spec-driven b_info parts (cpu affinity), in the order xl reads them. Loops keep xl's
 * shape: a list stops at its first item that is not a string, devids are positions.
 */
final class DeviceLists {

    private final GlobalConfig globals;
    private final HostInfo host;
    private final PrintStream err;

    private final List<DeviceDisk> disks = new ArrayList<>();
    private final List<DeviceNic> nics = new ArrayList<>();
    private final List<DevicePci> pcidevs = new ArrayList<>();
    private final List<DeviceDtdev> dtdevs = new ArrayList<>();
    private final List<DeviceVfb> vfbs = new ArrayList<>();
    private final List<DeviceVkb> vkbs = new ArrayList<>();
    private final List<DeviceChannel> channels = new ArrayList<>();
    private final List<DeviceVtpm> vtpms = new ArrayList<>();
    private final List<DeviceP9> p9s = new ArrayList<>();
    private final List<DevicePvcallsif> pvcallsifs = new ArrayList<>();
    private final List<DeviceVdispl> vdispls = new ArrayList<>();
    private final List<DeviceVsnd> vsnds = new ArrayList<>();
    private final List<DeviceUsbctrl> usbctrls = new ArrayList<>();
    private final List<DeviceUsbdev> usbdevs = new ArrayList<>();

    /**
     * What xl reads as b_info->u.hvm.rdm for a PV or PVH guest: that union member lies
     * beyond the pv/pvh structs in zeroed memory, so the policy reads 0 ("strict").
     */
    private RdmReserve aliasedRdm = new RdmReserve(RdmReserveStrategy.IGNORE, RdmReservePolicy.STRICT);

    DeviceLists(GlobalConfig globals, HostInfo host, PrintStream err) {
        this.globals = globals;
        this.host = host;
        this.err = err;
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
    void parsePciAndDtdev(XlConfig config, DomainType type, HvmBuildInfo.Builder hvm) {
        int msitranslate = Getters.intOr(config, "pci_msitranslate", 0);
        int powerMgmt = Getters.intOr(config, "pci_power_mgmt", 0);
        int permissive = Getters.intOr(config, "pci_permissive", 0);
        int seize = Getters.intOr(config, "pci_seize", 0);

        Lookup<String> rdm = config.getString("rdm", false);
        if (rdm.ok()) {
            PciSpecParser.Rdm r = PciSpecParser.parseRdm(rdm.value(), err::print);
            RdmReserve parsed = r.ok() ? new RdmReserve(
                    r.strategy() == null ? RdmReserveStrategy.UNINITIALISED : r.strategy(),
                    r.policy() == null ? RdmReservePolicy.UNINITIALISED : r.policy()) : null;
            if (parsed != null) {
                if (type == DomainType.HVM) {
                    hvm.rdm = parsed;
                } else {
                    aliasedRdm = parsed;
                }
            }
        }
        RdmReservePolicy policy = type == DomainType.HVM ? hvm.rdm.policy() : aliasedRdm.policy();

        Lookup<ConfigValue.ListValue> l = config.getList("pci", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String buf = l.value().itemString(i);
                DevicePci.Builder pci = new DevicePci.Builder();
                pci.msitranslate = msitranslate != 0;
                pci.powerMgmt = powerMgmt != 0;
                pci.permissive = permissive != 0;
                pci.seize = seize != 0;
                pci.rdmPolicy = policy;
                pcidevs.add(spec(() -> PciSpecParser.parsePassthrough(pci, buf, err::print)));
            }
        }
        l = config.getList("dtdev", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String path = l.value().itemString(i);
                dtdevs.add(new DeviceDtdev(path));
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
        l = config.getList("p9", false);
        if (l.ok()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; l.value().itemString(i) != null; i++) {
                items.add(l.value().itemString(i));
            }
            p9s.addAll(spec(() -> SimpleDeviceSpecs.p9s(items, err::print)));
        }
        l = config.getList("vtpm", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                int devid = i;
                vtpms.add(spec(() -> SimpleDeviceSpecs.vtpm(item, devid, err::print)));
            }
        }
        l = config.getList("vdispl", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                int devid = i;
                vdispls.add(spec(() -> VfbSpecParser.vdispl(item, devid, err::print)));
            }
        }
        l = config.getList("pvcalls", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                int devid = i;
                pvcallsifs.add(spec(() -> SimpleDeviceSpecs.pvcalls(item, devid, err::print)));
            }
        }
        l = config.getList("vsnd", false);
        if (l.ok()) {
            for (int i = 0; l.value().item(i) != null; i++) {
                ConfigValue card = l.value().item(i);
                int devid = i;
                vsnds.add(spec(() -> VsndSpecParser.card(config.source(), card, devid, err::print)));
            }
        }
        l = config.getList("channel", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                int devid = i;
                channels.add(spec(() -> ChannelSpecParser.parse(item, devid, err::print)));
            }
        }
        parseNics(config);
        if (config.getList("vif2", false).ok()) {
            err.print("WARNING: vif2: netchannel2 is deprecated and not supported by xl\n");
        }
        l = config.getList("vfb", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                int devid = i;
                vfbs.add(spec(() -> VfbSpecParser.vfb(item, devid, err::print)));
                vkbs.add(DeviceVkb.of(vkbs.size()));
            }
        }
        l = config.getList("usbctrl", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                int devid = i;
                usbctrls.add(spec(() -> UsbSpecParser.usbctrl(item, devid, err::print)));
            }
        }
        l = config.getList("usbdev", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                usbdevs.add(spec(() -> UsbSpecParser.usbdev(item, err::print)));
            }
        }
        parseCpuid(config, b);
    }

    /** cpuid=: a list of xend-style strings, or "host,NAME=VALUE,…"; bad items are reported and skipped. */
    private void parseCpuid(XlConfig config, DomainBuildInfo.Builder b) {
        CpuidSpecParser.Builder policy = new CpuidSpecParser.Builder();
        Lookup<ConfigValue.ListValue> l = config.getList("cpuid", true);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                CpuidSpecParser.parseListItem(policy, l.value().itemString(i), err::print);
            }
        } else if (l.error() == io.xlj.config.Errno.EINVAL) {
            Lookup<String> s = config.getString("cpuid", false);
            if (s.ok()) {
                CpuidSpecParser.parseString(policy, s.value(), err::print);
            }
        }
        CpuidPolicy built = policy.build();
        if (!built.isEmpty()) {
            b.cpuid = built;
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
        long vncEnabled = config.getLong("vnc", false).orElse(0L);
        if (vncEnabled != 0) {
            int devid = vfbs.size();
            io.xlj.config.model.DeviceVfb vfb = new io.xlj.config.model.DeviceVfb(0, null, devid,
                    VncOptions.vnc(config, io.xlj.config.model.VncInfo.DEFAULT),
                    VncOptions.sdl(config, io.xlj.config.model.SdlInfo.DEFAULT),
                    config.replaceString("keymap", null, false));
            vfbs.add(vfb);
            vkbs.add(DeviceVkb.of(vkbs.size()));
        }
    }

    /** parse_vkb_list: vkb=[…] items, numbered after the vkbs that vfbs made. */
    void parseVkbList(XlConfig config) {
        Lookup<ConfigValue.ListValue> l = config.getList("vkb", false);
        if (l.ok()) {
            for (int i = 0; l.value().itemString(i) != null; i++) {
                String item = l.value().itemString(i);
                int devid = vkbs.size();
                vkbs.add(spec(() -> VfbSpecParser.vkb(item, devid, err::print)));
            }
        }
    }

    /** parse_vnuma_config, called where xl calls it (after vuart, before the max_* defaults). */
    void parseVnuma(XlConfig config, DomainBuildInfo.Builder b) {
        Lookup<ConfigValue.ListValue> l = config.getList("vnuma", true);
        if (!l.ok() || l.value().size() == 0) {
            return;
        }
        VnumaSpecParser.Context ctx = new VnumaSpecParser.Context(b.maxVcpus, b.maxMemkb,
                host.topology().maxNodes(), host.maxCpus(), host.maxCpus());
        VnumaSpecParser.Result r = spec(() -> VnumaSpecParser.parse(config.source(), l.value().items(), ctx,
                err::print));
        b.vnumaNodes = new ArrayList<>(r.nodes());
        b.maxVcpus = (int) r.maxVcpus();
        b.maxMemkb = r.maxMemkb();
        if (r.pnodeGiven()) {
            b.numaPlacement = Defbool.FALSE;
        }
    }

    DomainConfig assemble(DomainCreateInfo c, DomainBuildInfo b, ActionOnShutdown[] actions) {
        return new DomainConfig(c, b, disks, nics, pcidevs, List.of(), dtdevs, vfbs, vkbs, vtpms, p9s,
                pvcallsifs, vdispls, vsnds, channels, usbctrls, usbdevs, actions[0], actions[1], actions[2],
                actions[3], actions[4]);
    }
}
