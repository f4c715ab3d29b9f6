package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** On a host that is not a Xen dom0 the real xc_interface_open fails, and we say so plainly. */
class OffXenTest {

    @Test
    void openingOffXenSaysThisIsNotADom0() {
        assumeFalse(Files.exists(XenCtrl.PRIVCMD), "this host is a Xen dom0");
        assertThatThrownBy(XenCtrl::open)
                .isInstanceOf(XenNotAvailableException.class)
                .hasMessageStartingWith("this host is not a Xen dom0: /dev/xen/privcmd does not exist")
                .hasMessageContaining("xc_interface_open: ENOENT")
                .hasMessageContaining("Could not obtain handle on privileged command interface");
    }
}
