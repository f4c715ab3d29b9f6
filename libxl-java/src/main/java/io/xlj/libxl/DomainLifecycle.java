package io.xlj.libxl;

import io.xlj.xen.DomainInfo;
import io.xlj.xen.XenCallException;
import io.xlj.xen.XenConstants;
import io.xlj.xen.XenCtrl;
import io.xlj.xenstore.WatchEvent;
import io.xlj.xenstore.WatchQueue;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * libxl 4.17's calls that change a running domain's state: pause, unpause, the PV control
 * requests (shutdown/reboot through {@code control/shutdown}) and rename. Failures are
 * {@link LibxlError}s carrying libxl's rc and log lines.
 */
final class DomainLifecycle {

    /** libxl__domain_pvcontrol: how long the guest gets to acknowledge a request. */
    static final Duration PVCONTROL_ACK_TIMEOUT = Duration.ofSeconds(60);

    private final XenCtrl xc;
    private final XenstoreClient xs;

    DomainLifecycle(XenCtrl xc, XenstoreClient xs) {
        this.xc = xc;
        this.xs = xs;
    }

    /** libxl_domain_pause. */
    void pause(int domid) {
        try {
            xc.pauseDomain(domid);
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(
                    LibxlLog.errorED("libxl_domain.c:587:libxl_domain_pause", domid, "Pausing domain", e.errno())));
        }
    }

    /** libxl_domain_unpause (PV/PVH: no device model to resume). */
    void unpause(int domid) {
        domainType(domid);
        try {
            xc.unpauseDomain(domid);
        } catch (XenCallException e) {
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(
                    LibxlLog.errorED("libxl_domain.c:688:domain_unpause_done", domid, "Unpausing domain", e.errno())));
        }
    }

    /**
     * libxl_domain_shutdown / libxl_domain_reboot: writes {@code request} to the domain's
     * {@code control/shutdown} and waits (a xenstore watch, no polling) until the guest
     * acknowledges by clearing it, at most {@code ackTimeout}.
     *
     * @throws LibxlError with ERROR_NOPARAVIRT for an HVM guest without PV drivers
     */
    void pvControl(int domid, String request, Duration ackTimeout) {
        DomainInfo info = domainType(domid);
        if (info.hvm()) {
            long callbackIrq;
            try {
                callbackIrq = xc.hvmParam(domid, XenConstants.HVM_PARAM_CALLBACK_IRQ);
            } catch (XenCallException e) {
                throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                        "libxl_domain.c:740:libxl__domain_pvcontrol_available", domid,
                        "Getting HVM callback IRQ", e.errno())));
            }
            if (callbackIrq == 0) {
                throw new LibxlError(LibxlError.ERROR_NOPARAVIRT, List.of());
            }
        }
        String path = XsPaths.dom(domid) + "/control/shutdown";
        // Watch first, so that an acknowledgement between the write and the watch is not lost.
        try (WatchQueue watch = xs.watchQueue(path)) {
            xs.write(path, request);
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            while (!acked(xs.readOptional(path))) {
                long left = deadline - System.nanoTime();
                WatchEvent e = left <= 0 ? null : watch.poll(Duration.ofNanos(left));
                if (e == null && !acked(xs.readOptional(path))) {
                    throw new LibxlError(LibxlError.ERROR_TIMEDOUT, List.of(LibxlLog.error(
                            "libxl_domain.c:854:pvcontrol_cb",
                            "guest didn't acknowledge control request: " + LibxlError.ERROR_TIMEDOUT)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LibxlError(LibxlError.ERROR_FAIL, List.of(), "interrupted while waiting for domain " + domid
                    + " to acknowledge " + request, e);
        }
    }

    private static boolean acked(Optional<String> state) {
        return state.isEmpty() || state.get().isEmpty();
    }

    /** libxl__domain_type: the domain's info, or libxl's log line and ERROR_FAIL if it does not exist. */
    DomainInfo domainType(int domid) {
        return xc.domainInfo(domid).orElseThrow(() -> new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.error(
                "libxl_dom.c:37:libxl__domain_type",
                "unable to get domain type for domid=" + Integer.toUnsignedString(domid)))));
    }

    /**
     * libxl_domain_rename: {@code /local/domain/N/name} and {@code /vm/UUID/name} in one
     * transaction; a non-empty new name must not belong to another domain.
     *
     * @param oldName what the caller believes the name is (null: do not check)
     */
    void rename(int domid, String oldName, String newName, Toolstack ts) {
        if (!newName.isEmpty()) {
            var other = ts.domidOf(newName);
            if (other.isPresent() && other.getAsInt() != domid) {
                throw new LibxlError(LibxlError.ERROR_INVAL, List.of(LibxlLog.errorD(
                        "libxl_domain.c:81:libxl__domain_rename", domid,
                        "Domain with name \"" + newName + "\" already exists.")));
            }
        }
        String namePath = XsPaths.dom(domid) + "/name";
        xs.runInTransaction(t -> {
            if (oldName != null) {
                Optional<String> got = t.readOptional(namePath);
                if (got.isEmpty()) {
                    throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorED(
                            "libxl_domain.c:90:libxl__domain_rename", domid,
                            "Check old name for domain allegedly named `" + oldName + "'", 2)));
                }
                if (!got.get().equals(oldName)) {
                    throw new LibxlError(LibxlError.ERROR_FAIL, List.of(LibxlLog.errorD(
                            "libxl_domain.c:96:libxl__domain_rename", domid,
                            "Allegedly named `" + oldName + "' is actually named `" + got.get() + "' - racing ?")));
                }
            }
            t.write(namePath, newName);
            DomainInfo info = xc.domainInfo(domid)
                    .orElseThrow(() -> new LibxlError(LibxlError.ERROR_DOMAIN_NOTFOUND, List.of()));
            t.write(XsPaths.vm(info.uuid()) + "/name", newName);
            return null;
        });
    }

    /** libxl_vm_get_start_time: {@code /vm/UUID/start_time} in seconds, or libxl's log line. */
    long startTime(int domid) {
        Optional<String> value;
        try {
            value = xs.readOptional(XsPaths.dom(domid) + "/vm").flatMap(vm -> xs.readOptional(vm + "/start_time"));
        } catch (XenstoreException e) {
            value = Optional.empty();
        }
        if (value.isEmpty()) {
            throw new LibxlError(-1, List.of(LibxlLog.errorD("libxl_domain.c:2231:libxl_vm_get_start_time", domid,
                    "Can't get start time of domain")));
        }
        return strtoul(value.get());
    }

    /** strtoul(s, NULL, 10) truncated to uint32_t, as libxl_vm_get_start_time returns it. */
    static long strtoul(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        return v & 0xFFFF_FFFFL;
    }
}
