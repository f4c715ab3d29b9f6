package io.xlj.xen;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed, checked view of one {@code xc_interface} handle: every call that fails throws
 * {@link XenCallException} naming the call, the domain and the errno.
 *
 * <p>{@link #open()} performs the ABI guard: the libraries are loaded by their 4.17
 * SONAMEs and the running hypervisor must report 4.17. Off Xen it fails with
 * {@link XenNotAvailableException}. libxc's own log goes to SLF4J
 * ({@link Slf4jToolLogger}).
 *
 * <p>A handle may be shared by threads (libxenctrl serialises its own hypercall
 * buffers); {@link #close()} must not race with calls in flight.
 */
public final class XenCtrl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XenCtrl.class);

    /** The device through which a dom0 issues hypercalls; absent means "not a Xen dom0". */
    public static final Path PRIVCMD = Path.of("/dev/xen/privcmd");

    /** Chunk size libxl uses to drain the console ring. */
    private static final int CONSOLE_CHUNK = 16384;
    /**
     * Domains per xc_domain_getinfolist call: as many as fit one page. libxencall caches
     * one-page hypercall buffers only; a larger batch maps and unmaps a fresh bounce buffer on
     * every call, which under emulation costs more than the hypercall.
     */
    private static final int GETINFO_SIZE = DomainInfo.SIZE;
    private static final int GETINFO_BATCH = 4096 / GETINFO_SIZE;
    /**
     * {@link #listDomains}' buffer, kept: a JNA Memory of a page costs ~15 us to allocate even
     * warm (malloc, its cleaner's registration, its later free), ~0.4 ms under the lab's
     * emulation, four times the hypercall. Guarded by itself.
     */
    private final Memory listBuffer = new Memory((long) GETINFO_SIZE * GETINFO_BATCH);

    private final XenCtrlLibrary lib;
    private final Slf4jToolLogger logger;
    private final int versionCode;
    private XcInterface xch;

    private XenCtrl(XenCtrlLibrary lib, XcInterface xch, Slf4jToolLogger logger, int versionCode) {
        this.lib = lib;
        this.xch = xch;
        this.logger = logger;
        this.versionCode = versionCode;
    }

    /**
     * Opens the hypervisor interface.
     *
     * @throws XenNotAvailableException off Xen (no {@value} device) or without the libraries
     * @throws XenAbiException if the libraries or the hypervisor are not Xen 4.17
     * @throws XenCallException if the handle cannot be opened for another reason (e.g. EACCES)
     */
    public static XenCtrl open() {
        XenCtrlLibrary lib = XenLibraries.ctrl();
        // Both SONAMEs are part of the ABI guard: refuse a mismatched libxenguest now,
        // not halfway through building a domain.
        XenLibraries.guest();
        Slf4jToolLogger logger = Slf4jToolLogger.shared();
        logger.clearLastError();
        XcInterface xch = lib.xc_interface_open(logger.handle(), logger.handle(), 0);
        if (xch == null) {
            int errno = Native.getLastError();
            String libxc = logger.lastError();
            if (!Files.exists(PRIVCMD)) {
                throw new XenNotAvailableException("this host is not a Xen dom0: " + PRIVCMD + " does not exist"
                        + " (xc_interface_open: " + Errno.name(errno)
                        + (libxc == null ? "" : "; libxc: " + libxc) + ")");
            }
            throw new XenCallException("xc_interface_open", null, errno, libxc);
        }
        int code;
        try {
            logger.clearLastError();
            code = lib.xc_version(xch, XenConstants.XENVER_version, null);
            if (code < 0) {
                throw new XenCallException("xc_version(XENVER_version)", null, errnoAfter(code), logger.lastError());
            }
            XenLibraries.checkHypervisorVersion(code);
        } catch (RuntimeException e) {
            lib.xc_interface_close(xch);
            throw e;
        }
        LOG.debug("opened libxenctrl handle on Xen {}.{}", code >>> 16, code & 0xffff);
        return new XenCtrl(lib, xch, logger, code);
    }

    private static int errnoAfter(int rc) {
        int errno = Native.getLastError();
        // A few libxc paths return -errno without setting errno.
        return errno == 0 && rc < -1 ? -rc : errno;
    }

    /** The open handle; for the builder and for callers that need the raw layer. */
    public XcInterface handle() {
        if (xch == null) {
            throw new IllegalStateException("the libxenctrl handle is closed");
        }
        return xch;
    }

    XenCtrlLibrary library() {
        return lib;
    }

    Slf4jToolLogger logger() {
        return logger;
    }

    /** Runs one libxc call; a negative result becomes a {@link XenCallException}. */
    int call(String name, Integer domid, IntSupplier fn) {
        handle();
        logger.clearLastError();
        int rc = fn.getAsInt();
        if (rc < 0) {
            throw new XenCallException(name, domid, errnoAfter(rc), logger.lastError());
        }
        return rc;
    }

    // ---- version and host ----------------------------------------------------------

    /** {@code xc_version(XENVER_version)}: major &lt;&lt; 16 | minor, checked to be 4.17 at open. */
    public int versionCode() {
        return versionCode;
    }

    /** Everything {@code xc_version} tells, as {@code xl info} prints it. */
    public VersionInfo versionInfo() {
        xen_extraversion extra = new xen_extraversion();
        xen_capabilities_info caps = new xen_capabilities_info();
        xen_changeset_info changeset = new xen_changeset_info();
        xen_commandline cmdline = new xen_commandline();
        xen_compile_info compile = new xen_compile_info();
        version("XENVER_extraversion", XenConstants.XENVER_extraversion, extra);
        version("XENVER_capabilities", XenConstants.XENVER_capabilities, caps);
        version("XENVER_changeset", XenConstants.XENVER_changeset, changeset);
        version("XENVER_commandline", XenConstants.XENVER_commandline, cmdline);
        version("XENVER_compile_info", XenConstants.XENVER_compile_info, compile);
        int code = call("xc_version(XENVER_version)", null,
                () -> lib.xc_version(handle(), XenConstants.XENVER_version, null));
        return new VersionInfo(code >>> 16, code & 0xffff, Native.toString(extra.extraversion),
                Native.toString(caps.info), Native.toString(changeset.info), Native.toString(cmdline.commandline),
                Native.toString(compile.compiler), Native.toString(compile.compile_by),
                Native.toString(compile.compile_domain), Native.toString(compile.compile_date));
    }

    private void version(String what, int cmd, XenStructure answer) {
        call("xc_version(" + what + ")", null, () -> lib.xc_version(handle(), cmd, answer.getPointer()));
        answer.read();
    }

    public PhysInfo physInfo() {
        xen_sysctl_physinfo p = new xen_sysctl_physinfo();
        call("xc_physinfo", null, () -> lib.xc_physinfo(handle(), p));
        return PhysInfo.from(p);
    }

    /** Bytes in an {@code xc_cpumap_t} on this host. */
    public int cpumapSize() {
        return call("xc_get_cpumap_size", null, () -> lib.xc_get_cpumap_size(handle()));
    }

    public int maxCpus() {
        return call("xc_get_max_cpus", null, () -> lib.xc_get_max_cpus(handle()));
    }

    /** {@code XEN_SCHEDULER_*} of the default cpupool. */
    public int schedulerId() {
        IntByReference id = new IntByReference();
        call("xc_sched_id", null, () -> lib.xc_sched_id(handle(), id));
        return id.getValue();
    }

    // ---- domain lifecycle ----------------------------------------------------------

    /**
     * {@code xc_domain_create}. The domain starts paused with no memory and no vCPUs
     * online.
     *
     * @return the new domain's id
     */
    public int createDomain(CreateDomainRequest request) {
        xen_domctl_createdomain config = request.toStruct();
        IntByReference domid = new IntByReference(request.domid());
        call("xc_domain_create", request.domid() == 0 ? null : request.domid(),
                () -> lib.xc_domain_create(handle(), domid, config));
        LOG.debug("created domain {} ({})", domid.getValue(), request.uuid());
        return domid.getValue();
    }

    /** This domain's info, or empty if there is no such domain. */
    public Optional<DomainInfo> domainInfo(int domid) {
        Memory buf = new Memory(GETINFO_SIZE);
        buf.clear();
        int n = call("xc_domain_getinfolist", domid, () -> lib.xc_domain_getinfolist(handle(), domid, 1, buf));
        if (n < 1) {
            return Optional.empty();
        }
        DomainInfo info = DomainInfo.at(buf);
        // In 4.17 getdomaininfo answers with the next domain >= domid when domid is gone.
        return info.domid() == domid ? Optional.of(info) : Optional.empty();
    }

    /** Every domain, in domid order. */
    public List<DomainInfo> listDomains() {
        Memory buf = listBuffer;
        List<DomainInfo> all = new ArrayList<>();
        int next = 0;
        synchronized (buf) {
            while (true) {
                int first = next;
                int n = call("xc_domain_getinfolist", null, () -> XenCtrlDirect.xc_domain_getinfolist(
                        handle().getPointer(), first, GETINFO_BATCH, buf));
                ByteBuffer infos = ByteBuffer.wrap(buf.getByteArray(0, n * GETINFO_SIZE)).order(ByteOrder.nativeOrder());
                for (int i = 0; i < n; i++) {
                    all.add(DomainInfo.at(infos, i * GETINFO_SIZE));
                }
                if (n < GETINFO_BATCH) {
                    return all;
                }
                next = all.get(all.size() - 1).domid() + 1;
            }
        }
    }

    public void destroyDomain(int domid) {
        call("xc_domain_destroy", domid, () -> lib.xc_domain_destroy(handle(), domid));
    }

    public void pauseDomain(int domid) {
        call("xc_domain_pause", domid, () -> lib.xc_domain_pause(handle(), domid));
    }

    public void unpauseDomain(int domid) {
        call("xc_domain_unpause", domid, () -> lib.xc_domain_unpause(handle(), domid));
    }

    /** @param reason {@code SHUTDOWN_*} */
    public void shutdownDomain(int domid, int reason) {
        call("xc_domain_shutdown", domid, () -> lib.xc_domain_shutdown(handle(), domid, reason));
    }

    // ---- limits --------------------------------------------------------------------

    public void setMaxVcpus(int domid, int max) {
        call("xc_domain_max_vcpus", domid, () -> lib.xc_domain_max_vcpus(handle(), domid, max));
    }

    public void setMaxMemKb(int domid, long maxMemKb) {
        call("xc_domain_setmaxmem", domid, () -> lib.xc_domain_setmaxmem(handle(), domid, maxMemKb));
    }

    /** A translated (PVH/HVM) guest's populate-on-demand target, in pages; mem-set of such a guest sets it. */
    public void setPodTarget(int domid, long targetPages) {
        call("xc_domain_set_pod_target", domid,
                () -> lib.xc_domain_set_pod_target(handle(), domid, targetPages, null, null, null));
    }

    /** PV only: the highest guest-physical address, in KiB, the guest may see in its memory map. */
    public void setMemmapLimitKb(int domid, long limitKb) {
        call("xc_domain_set_memmap_limit", domid,
                () -> lib.xc_domain_set_memmap_limit(handle(), domid, new NativeLong(limitKb)));
    }

    public void setHandle(int domid, UUID uuid) {
        byte[] handle = DomainInfo.handleOf(uuid);
        call("xc_domain_sethandle", domid, () -> lib.xc_domain_sethandle(handle(), domid, handle));
    }

    /** @param tscMode 0 default, 1 always emulate, 2 native */
    public void setTscInfo(int domid, int tscMode, long elapsedNsec, int gtscKhz, int incarnation) {
        call("xc_domain_set_tsc_info", domid,
                () -> lib.xc_domain_set_tsc_info(handle(), domid, tscMode, elapsedNsec, gtscKhz, incarnation));
    }

    // ---- event channels ------------------------------------------------------------

    /** An unbound port in {@code domid} that {@code remoteDomid} may bind to. */
    public int evtchnAllocUnbound(int domid, int remoteDomid) {
        return call("xc_evtchn_alloc_unbound", domid,
                () -> lib.xc_evtchn_alloc_unbound(handle(), domid, remoteDomid));
    }

    // ---- vCPUs ---------------------------------------------------------------------

    public VcpuInfo vcpuInfo(int domid, int vcpu) {
        xen_domctl_getvcpuinfo info = new xen_domctl_getvcpuinfo();
        call("xc_vcpu_getinfo", domid, () -> lib.xc_vcpu_getinfo(handle(), domid, vcpu, info));
        return VcpuInfo.from(info);
    }

    /**
     * Sets hard and/or soft affinity (a null map is left alone).
     *
     * @return the effective affinity Xen reports back (maps not set come back empty)
     */
    public VcpuAffinity setVcpuAffinity(int domid, int vcpu, BitSet hard, BitSet soft) {
        if (hard == null && soft == null) {
            throw new IllegalArgumentException("set at least one of hard and soft affinity");
        }
        int size = cpumapSize();
        byte[] hardMap = toCpumap(hard, size);
        byte[] softMap = toCpumap(soft, size);
        int flags = (hard != null ? XenConstants.XEN_VCPUAFFINITY_HARD : 0)
                | (soft != null ? XenConstants.XEN_VCPUAFFINITY_SOFT : 0);
        call("xc_vcpu_setaffinity", domid,
                () -> lib.xc_vcpu_setaffinity(handle(), domid, vcpu, hardMap, softMap, flags));
        return new VcpuAffinity(BitSet.valueOf(hardMap), BitSet.valueOf(softMap));
    }

    public VcpuAffinity vcpuAffinity(int domid, int vcpu) {
        int size = cpumapSize();
        byte[] hardMap = new byte[size];
        byte[] softMap = new byte[size];
        call("xc_vcpu_getaffinity", domid, () -> lib.xc_vcpu_getaffinity(handle(), domid, vcpu, hardMap, softMap,
                XenConstants.XEN_VCPUAFFINITY_HARD | XenConstants.XEN_VCPUAFFINITY_SOFT));
        return new VcpuAffinity(BitSet.valueOf(hardMap), BitSet.valueOf(softMap));
    }

    /** An {@code xc_cpumap_t}: bit n of byte n/8 is CPU n — the same order as {@link BitSet#toByteArray()}. */
    static byte[] toCpumap(BitSet cpus, int size) {
        byte[] map = new byte[size];
        if (cpus != null) {
            byte[] bits = cpus.toByteArray();
            if (bits.length > size) {
                throw new IllegalArgumentException("CPU " + cpus.length() + " is beyond this host's "
                        + size * 8 + "-CPU map");
            }
            System.arraycopy(bits, 0, map, 0, bits.length);
        }
        return map;
    }

    // ---- scheduler -----------------------------------------------------------------

    public SchedParams schedCredit(int domid) {
        xen_domctl_sched_credit s = new xen_domctl_sched_credit();
        call("xc_sched_credit_domain_get", domid, () -> lib.xc_sched_credit_domain_get(handle(), domid, s));
        return new SchedParams(Short.toUnsignedInt(s.weight), Short.toUnsignedInt(s.cap));
    }

    public void setSchedCredit(int domid, SchedParams params) {
        xen_domctl_sched_credit s = new xen_domctl_sched_credit();
        s.weight = (short) params.weight();
        s.cap = (short) params.cap();
        call("xc_sched_credit_domain_set", domid, () -> lib.xc_sched_credit_domain_set(handle(), domid, s));
    }

    public SchedParams schedCredit2(int domid) {
        xen_domctl_sched_credit2 s = new xen_domctl_sched_credit2();
        call("xc_sched_credit2_domain_get", domid, () -> lib.xc_sched_credit2_domain_get(handle(), domid, s));
        return new SchedParams(Short.toUnsignedInt(s.weight), Short.toUnsignedInt(s.cap));
    }

    public void setSchedCredit2(int domid, SchedParams params) {
        xen_domctl_sched_credit2 s = new xen_domctl_sched_credit2();
        s.weight = (short) params.weight();
        s.cap = (short) params.cap();
        call("xc_sched_credit2_domain_set", domid, () -> lib.xc_sched_credit2_domain_set(handle(), domid, s));
    }

    // ---- console ring, debug keys ----------------------------------------------------

    /**
     * The whole hypervisor console ring, as {@code xl dmesg} reads it (incremental reads
     * of 16 KiB until nothing is left).
     *
     * @param clear clear the ring after reading ({@code xl dmesg -c})
     */
    public String readConsoleRing(boolean clear) {
        Memory buf = new Memory(CONSOLE_CHUNK);
        IntByReference index = new IntByReference(0);
        StringBuilder out = new StringBuilder();
        while (true) {
            IntByReference nrChars = new IntByReference(CONSOLE_CHUNK);
            call("xc_readconsolering", null,
                    () -> lib.xc_readconsolering(handle(), buf, nrChars, clear ? 1 : 0, 1, index));
            int n = nrChars.getValue();
            if (n <= 0) {
                return out.toString();
            }
            out.append(new String(buf.getByteArray(0, n), StandardCharsets.UTF_8));
        }
    }

    public void sendDebugKeys(String keys) {
        Objects.requireNonNull(keys, "keys");
        call("xc_send_debug_keys", null, () -> lib.xc_send_debug_keys(handle(), keys));
    }

    // ---- HVM parameters --------------------------------------------------------------

    public long hvmParam(int domid, int param) {
        LongByReference value = new LongByReference();
        call("xc_hvm_param_get", domid, () -> lib.xc_hvm_param_get(handle(), domid, param, value));
        return value.getValue();
    }

    public void setHvmParam(int domid, int param, long value) {
        call("xc_hvm_param_set", domid, () -> lib.xc_hvm_param_set(handle(), domid, param, value));
    }

    // ---- HVM/PVH container --------------------------------------------------------------

    /** HVM_INFO_PFN and HVM_INFO_OFFSET of public/hvm/hvm_info_table.h. */
    static final int HVM_INFO_PFN = 0x9f;
    static final int HVM_INFO_OFFSET = 0x800;

    /**
     * libxl's hvm_build_set_params: in the guest's hvm_info_table, the APIC mode, the vCPU
     * count and the online bitmap, then the checksum made good again.
     */
    public void setHvmInfo(int domid, boolean apic, int nrVcpus, java.util.BitSet online) {
        logger.clearLastError();
        Pointer page = lib.xc_map_foreign_range(handle(), domid, XenConstants.XC_PAGE_SIZE, 3 /* PROT_READ|WRITE */,
                new com.sun.jna.NativeLong(HVM_INFO_PFN));
        if (page == null) {
            throw new XenCallException("xc_map_foreign_range", domid, Native.getLastError(), logger.lastError());
        }
        try {
            Pointer t = page.share(HVM_INFO_OFFSET);
            // struct hvm_info_table: signature[8], length u32 @8, checksum u8 @12, apic_mode u8 @13,
            // nr_vcpus u32 @16, three u32 memory fields, vcpu_online[16] @32.
            t.setByte(13, (byte) (apic ? 1 : 0));
            t.setInt(16, nrVcpus);
            byte[] bits = new byte[16];
            byte[] given = online.toByteArray();
            System.arraycopy(given, 0, bits, 0, Math.min(given.length, bits.length));
            t.write(32, bits, 0, bits.length);
            int length = t.getInt(8);
            byte sum = 0;
            for (int i = 0; i < length; i++) {
                sum += t.getByte(i);
            }
            t.setByte(12, (byte) (t.getByte(12) - sum));
        } finally {
            XenLibraries.libc().munmap(page, XenConstants.XC_PAGE_SIZE);
        }
    }

    /** {@code xc_domain_set_memory_map}: the memory map the guest's firmware or start info reports. */
    public void setMemoryMap(int domid, java.util.List<E820Entry> entries) {
        com.sun.jna.Memory m = e820Table(entries);
        call("xc_domain_set_memory_map", domid, () -> lib.xc_domain_set_memory_map(handle(), domid, m,
                entries.size()));
    }

    /** {@code xc_set_paging_mempool_size}: the HAP/shadow pool of an HVM/PVH domain, in bytes. */
    public void setPagingMempoolSize(int domid, long bytes) {
        call("xc_set_paging_mempool_size", domid, () -> lib.xc_set_paging_mempool_size(handle(), domid, bytes));
    }

    /** The entries as a C array of packed {@code struct e820entry}. */
    static com.sun.jna.Memory e820Table(java.util.List<E820Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an empty memory map");
        }
        // Written field by field at the packed struct's offsets: a Structure view on each
        // 20-byte slot would be sized with default alignment before ALIGN_NONE applies.
        e820entry layout = new e820entry();
        int width = layout.size();
        int addrAt = layout.offsetOf("addr");
        int sizeAt = layout.offsetOf("size");
        int typeAt = layout.offsetOf("type");
        com.sun.jna.Memory m = new com.sun.jna.Memory((long) width * entries.size());
        m.clear();
        for (int i = 0; i < entries.size(); i++) {
            E820Entry e = entries.get(i);
            long base = (long) i * width;
            m.setLong(base + addrAt, e.addr());
            m.setLong(base + sizeAt, e.size());
            m.setInt(base + typeAt, e.type());
        }
        return m;
    }

    // ---- libxenguest -------------------------------------------------------------------

    /** {@code xc_cpuid_apply_policy} with no featureset, no xend overrides and {@code msr = NULL}. */
    public void cpuidApplyPolicy(int domid, boolean restore, boolean pae, boolean itsc, boolean nestedVirt) {
        XenGuestLibrary guest = XenLibraries.guest();
        call("xc_cpuid_apply_policy", domid, () -> guest.xc_cpuid_apply_policy(handle(), domid, b(restore), null, 0,
                b(pae), b(itsc), b(nestedVirt), null, null));
    }

    /** xc_domain_dumpcore (libxenguest): the domain's memory and vCPU state as an ELF core file at {@code path}. */
    public void dumpCore(int domid, String path) {
        XenGuestLibrary guest = XenLibraries.guest();
        call("xc_domain_dumpcore", domid, () -> guest.xc_domain_dumpcore(handle(), domid, path));
    }

    /** "x86_64-abi" or "x86_32-abi": the protocol a PV guest's rings speak. */
    public String nativeProtocol(int domid) {
        XenGuestLibrary guest = XenLibraries.guest();
        logger.clearLastError();
        String protocol = guest.xc_domain_get_native_protocol(handle(), domid);
        if (protocol == null) {
            throw new XenCallException("xc_domain_get_native_protocol", domid, Native.getLastError(), logger.lastError());
        }
        return protocol;
    }

    /** Starts the {@code xc_dom_*} builder for a new guest image. */
    public XenDomBuilder domBuilder(String cmdline, String features) {
        return XenDomBuilder.allocate(this, cmdline, features);
    }

    /** The legacy one-call PV builder ({@code xc_linux_build}). */
    public LinuxBuildResult linuxBuild(int domid, int memMb, String kernel, String ramdisk, String cmdline,
                                       String features, long flags, int storeEvtchn, int consoleEvtchn) {
        XenGuestLibrary guest = XenLibraries.guest();
        NativeLongByReference storeMfn = new NativeLongByReference();
        NativeLongByReference consoleMfn = new NativeLongByReference();
        call("xc_linux_build", domid, () -> guest.xc_linux_build(handle(), domid, memMb, kernel, ramdisk, cmdline,
                features, new NativeLong(flags), storeEvtchn, storeMfn, consoleEvtchn, consoleMfn));
        return new LinuxBuildResult(storeMfn.getValue().longValue(), consoleMfn.getValue().longValue());
    }

    static byte b(boolean v) {
        return (byte) (v ? 1 : 0);
    }

    /** libxenctrl's own last error text for this handle ({@code xc_get_last_error}), or "". */
    public String lastLibxcError() {
        Pointer p = lib.xc_get_last_error(handle());
        return p == null ? "" : Native.toString(new xc_error(p).message);
    }

    @Override
    public void close() {
        if (xch != null) {
            XcInterface h = xch;
            xch = null;
            if (lib.xc_interface_close(h) != 0) {
                LOG.warn("xc_interface_close failed: {}", Errno.name(Native.getLastError()));
            }
        }
    }
}
