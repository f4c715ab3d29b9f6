package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The xenpv QEMU's command line as libxl__build_device_model_args_new builds it for a PV guest. */
class PvDeviceModelTest {

    @Test
    void xenpvArguments() {
        assertThat(String.join(" ", PvDeviceModel.args("/usr/libexec/xen-qemu-system-i386", 7, "web", 131072, 0, List.of())))
                .isEqualTo("/usr/libexec/xen-qemu-system-i386 -xen-domid 7 -no-shutdown"
                        + " -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server=on,wait=off"
                        + " -mon chardev=libxl-cmd,mode=control"
                        + " -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server=on,wait=off"
                        + " -mon chardev=libxenstat-cmd,mode=control -nodefaults -no-user-config -xen-attach"
                        + " -name web -vnc none -display none -nographic -machine xenpv -m 128");
    }

    @Test
    void memoryIsRoundedUpToWholeMegabytes() {
        assertThat(PvDeviceModel.args("q", 1, null, 131073, 0, List.of())).endsWith("-m", "129")
                .doesNotContain("-name");
    }
}
