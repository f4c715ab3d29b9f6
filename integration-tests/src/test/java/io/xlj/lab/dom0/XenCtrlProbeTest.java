package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A minimal JNA probe of the real libxenctrl in the lab's dom0, checked against Xen's own xl.
 * It proves the lab can host the JNA bindings; the bindings themselves live in libxl-java.
 */
@Tag("dom0")
@Tag("smoke")
class XenCtrlProbeTest {

    /** The few libxenctrl 4.17 functions the probe needs (xenctrl.h). */
    interface XenCtrl extends Library {
        Pointer xc_interface_open(Pointer logger, Pointer dombuildLogger, int openFlags);

        int xc_interface_close(Pointer xch);

        int xc_physinfo(Pointer xch, Pointer info);

        int xc_domain_getinfolist(Pointer xch, int firstDomain, int maxDomains, Pointer info);
    }

    // Layouts from Xen 4.17's public headers (reference/xen-4.17-struct-layout.txt).
    private static final int PHYSINFO_SIZE = 112;
    private static final int PHYSINFO_NR_CPUS = 8;
    private static final int PHYSINFO_TOTAL_PAGES = 40;
    private static final int DOMAININFO_SIZE = 112;
    private static final int DOMAININFO_DOMAIN = 0;

    private final XenCtrl xc = Native.load("xenctrl", XenCtrl.class);
    private Pointer xch;

    @BeforeEach
    void open() {
        xch = xc.xc_interface_open(null, null, 0);
        assertThat(xch).as("xc_interface_open (errno %d)", Native.getLastError()).isNotNull();
    }

    @AfterEach
    void close() {
        if (xch != null) {
            assertThat(xc.xc_interface_close(xch)).isZero();
        }
    }

    @Test
    void physinfoAgreesWithXlInfo() {
        Memory info = new Memory(PHYSINFO_SIZE);
        info.clear();
        assertThat(xc.xc_physinfo(xch, info)).as("xc_physinfo").isZero();

        String xlInfo = Exec.run(Duration.ofSeconds(30), TestGuest.STOCK_XL, "info").assertSuccess().stdout();
        assertThat(info.getInt(PHYSINFO_NR_CPUS)).isEqualTo(Integer.parseInt(field(xlInfo, "nr_cpus")));
        long totalMiB = info.getLong(PHYSINFO_TOTAL_PAGES) * 4096 / (1024 * 1024);
        assertThat(totalMiB).isEqualTo(Long.parseLong(field(xlInfo, "total_memory")));
    }

    @Test
    void domainListAgreesWithXlList() {
        int max = 64;
        Memory info = new Memory((long) max * DOMAININFO_SIZE);
        info.clear();
        int n = xc.xc_domain_getinfolist(xch, 0, max, info);
        assertThat(n).as("xc_domain_getinfolist (errno %d)", Native.getLastError()).isPositive();
        List<Integer> domids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            domids.add(Short.toUnsignedInt(info.getShort((long) i * DOMAININFO_SIZE + DOMAININFO_DOMAIN)));
        }
        assertThat(domids).contains(0).containsExactlyInAnyOrderElementsOf(TestGuest.stockXlListDomids());
    }

    private static String field(String xlInfo, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s*:\\s*(\\S+)").matcher(xlInfo);
        assertThat(m.find()).as("xl info has %s:%n%s", name, xlInfo).isTrue();
        return m.group(1);
    }
}
