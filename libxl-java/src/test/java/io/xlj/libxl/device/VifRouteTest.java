package io.xlj.libxl.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.model.DeviceNic;
import io.xlj.config.spec.Diagnostics;
import io.xlj.config.spec.NicSpecParser;
import io.xlj.xenstore.XenstoreOps;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A routed vif (script=vif-route with ip, gatewaydev, vifname, mtu and rate): the backend
 * entries libxl__set_xenstore_nic writes (as Xen's xl wrote them in the lab) and the hotplug
 * call libxl_linux.c makes for it.
 */
class VifRouteTest {

    private static NicDevices.Resolved routed() {
        DeviceNic.Builder b = DeviceNic.builder();
        NicSpecParser.applySpec(b, "test.cfg",
                "script=vif-route,ip=10.99.0.5,gatewaydev=xenbr0,vifname=vr5,mtu=1400,rate=10Mb/s@20ms,"
                        + "mac=00:16:3e:01:02:03", Diagnostics.NONE);
        return NicDevices.resolveForCreate(List.of(b.build()), 7, false).get(0);
    }

    @Test
    void backendEntriesAreXlsInXlsOrder() {
        DeviceSpec d = routed().spec();
        assertThat(d.backendPath()).isEqualTo("/local/domain/0/backend/vif/7/0");
        assertThat(List.copyOf(d.back().entrySet()).toString()).isEqualTo(List.of(
                Map.entry("frontend-id", "7"), Map.entry("online", "1"), Map.entry("state", "1"),
                Map.entry("script", "/etc/xen/scripts/vif-route"), Map.entry("vifname", "vr5"),
                Map.entry("mac", "00:16:3e:01:02:03"), Map.entry("ip", "10.99.0.5"),
                Map.entry("gatewaydev", "xenbr0"), Map.entry("rate", "25000,20000"), Map.entry("mtu", "1400"),
                Map.entry("bridge", "xenbr0"), Map.entry("handle", "0"), Map.entry("type", "vif"),
                Map.entry("hotplug-status", "")).toString());
        assertThat(d.roFront()).containsEntry("mtu", "1400");
    }

    @Test
    void theScriptGetsOnlineTypeIfVifAndTheGatewaydevAsNetdev() {
        DeviceSpec d = routed().spec();
        Map<String, String> store = Map.of(d.backendPath() + "/gatewaydev", "xenbr0");
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("readOptional")) {
                return Optional.ofNullable(store.get((String) args[0]));
            }
            throw new UnsupportedOperationException(m.getName());
        };
        XenstoreOps xs = (XenstoreOps) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {XenstoreOps.class}, h);
        HotplugScripts scripts = new HotplugScripts(xs);
        String script = "/etc/xen/scripts/vif-route";
        assertThat(scripts.args(d, script, HotplugAction.ADD)).containsExactly(script, "online", "type_if=vif");
        assertThat(scripts.args(d, script, HotplugAction.REMOVE)).containsExactly(script, "offline", "type_if=vif");
        assertThat(scripts.env(d, script, false)).containsExactly(Map.entry("script", script),
                Map.entry("XENBUS_TYPE", "vif"), Map.entry("XENBUS_PATH", "backend/vif/7/0"),
                Map.entry("XENBUS_BASE_PATH", "backend"), Map.entry("netdev", "xenbr0"), Map.entry("vif", "vif7.0"));
        // An HVM guest's emulated nic: both runs see the device model's tap as INTERFACE.
        assertThat(scripts.env(d, script, true)).containsEntry("INTERFACE", "vif7.0-emu").containsEntry("vif", "vif7.0");
        assertThat(HotplugScripts.tapArgs(script, HotplugAction.ADD)).containsExactly(script, "add", "type_if=tap");
    }
}
