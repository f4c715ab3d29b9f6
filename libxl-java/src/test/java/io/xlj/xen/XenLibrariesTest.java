package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ABI guard, against the libraries Debian really installed here. */
class XenLibrariesTest {

    @Test
    void loadsTheInstalled417LibrariesBySoname() {
        assertThat(XenLibraries.ctrl()).isNotNull();
        assertThat(XenLibraries.guest()).isNotNull();
        assertThat(XenLibraries.toolLog().xtl_level_to_string(XenConstants.XTL_ERROR)).isEqualTo("error");
    }

    @Test
    void anotherXenVersionIsRefusedNamingWhatIsInstalled() {
        // Asking for a SONAME that is not here while libxenctrl.so.4.17 is: the message
        // must say what was found, the way a 4.18 host would be told about its library.
        assertThatThrownBy(() -> XenLibraries.load("libxenctrl.so.4.16", XenCtrlLibrary.class))
                .isInstanceOf(XenAbiException.class)
                .hasMessageContaining("cannot load libxenctrl.so.4.16")
                .hasMessageContaining("libxenctrl.so.4.17")
                .hasMessageContaining("supports only Xen 4.17");
    }

    @Test
    void aMissingLibraryIsNotAvailableRatherThanTheWrongVersion() {
        assertThatThrownBy(() -> XenLibraries.load("libxennonexistent.so.4.17", XenCtrlLibrary.class))
                .isInstanceOf(XenNotAvailableException.class)
                .hasMessageContaining("libxennonexistent.so.4.17");
    }

    @Test
    void anyHypervisorBut417IsRefused() {
        XenLibraries.checkHypervisorVersion(0x40011);
        assertThatThrownBy(() -> XenLibraries.checkHypervisorVersion(4 << 16 | 18))
                .isInstanceOf(XenAbiException.class)
                .hasMessage("unsupported hypervisor: found Xen 4.18, but xlj supports only Xen 4.17"
                        + " (libxenctrl.so.4.17, libxenguest.so.4.17)");
    }
}
