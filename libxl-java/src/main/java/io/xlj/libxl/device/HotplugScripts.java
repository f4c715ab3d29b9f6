package io.xlj.libxl.device;

import io.xlj.xenstore.XenstoreOps;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a device's hotplug script as libxl 4.17 does (libxl_linux.c get_hotplug_env,
 * libxl__hotplug_disk/nic, libxl_device.c device_hotplug): the script named by the backend's
 * {@code script} node, {@code add|remove} for a vbd and {@code online|offline type_if=vif}
 * for a vif, the environment {@code script XENBUS_TYPE XENBUS_PATH XENBUS_BASE_PATH} (plus
 * {@code netdev vif} for a vif) on top of ours, stdin from /dev/null, stdout to stderr, and
 * a 40 s limit (LIBXL_HOTPLUG_TIMEOUT) after which it is killed. An emulated nic (backend
 * {@code type} vif_ioemu, an HVM guest's) runs the script a second time for the device
 * model's tap, {@code add|remove type_if=tap}, both runs with {@code INTERFACE} set to the tap
 * (libxl's num_exec 1).
 */
public final class HotplugScripts {

    public static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final Logger LOG = LoggerFactory.getLogger(HotplugScripts.class);

    private final XenstoreOps xs;
    private final Duration timeout;

    public HotplugScripts(XenstoreOps xs) {
        this(xs, TIMEOUT);
    }

    public HotplugScripts(XenstoreOps xs, Duration timeout) {
        this.xs = xs;
        this.timeout = timeout;
    }

    /** The command line libxl runs for this device and action (for a vif: its first run). */
    public List<String> args(DeviceSpec d, String script, HotplugAction action) {
        List<String> args = new ArrayList<>();
        args.add(script);
        if (d.backendKind() == DeviceKind.VIF) {
            args.add(action.vifWord());
            args.add("type_if=vif");
        } else {
            args.add(action.word());
        }
        return args;
    }

    /** The second run for an emulated nic: the device model's tap. */
    public static List<String> tapArgs(String script, HotplugAction action) {
        return List.of(script, action.word(), "type_if=tap");
    }

    /**
     * The variables libxl adds to the script's environment.
     *
     * @param emulated the device is an emulated nic (vif_ioemu)
     */
    public Map<String, String> env(DeviceSpec d, String script, boolean emulated) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("script", script);
        env.put("XENBUS_TYPE", d.backendKind().xsName());
        env.put("XENBUS_PATH", d.xenbusPath());
        env.put("XENBUS_BASE_PATH", "backend");
        if (d.backendKind() == DeviceKind.VIF) {
            env.put("netdev", xs.readOptional(d.backendPath() + "/gatewaydev").orElse(""));
            if (emulated) {
                env.put("INTERFACE", NicDevices.devname(d.domid(), d.devid(), true));
            }
            env.put("vif", NicDevices.devname(d.domid(), d.devid(), false));
        }
        return env;
    }

    /**
     * Runs the script if the device has one (vbd and vif backends in this domain).
     *
     * @throws DeviceException with libxl's words when the script cannot be read, fails or times out
     */
    public void run(DeviceSpec d, HotplugAction action) {
        if (d.backendKind() != DeviceKind.VBD && d.backendKind() != DeviceKind.VIF) {
            return;
        }
        Optional<String> script = xs.readOptional(d.backendPath() + "/script");
        if (script.isEmpty()) {
            throw new DeviceException("unable to read script from " + d.backendPath());
        }
        // libxl__nic_type: the backend's "type" says whether a device model's tap goes with it.
        boolean emulated = d.backendKind() == DeviceKind.VIF
                && xs.readOptional(d.backendPath() + "/type").filter("vif_ioemu"::equals).isPresent();
        Map<String, String> env = env(d, script.get(), emulated);
        execute(d, args(d, script.get(), action), env);
        if (emulated) {
            execute(d, tapArgs(script.get(), action), env);
        }
    }

    private void execute(DeviceSpec d, List<String> args, Map<String, String> env) {
        String what = args.get(0) + " " + args.get(1);
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // libxl gives the script its stderr as stdout too.
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(new File("/dev/stderr")));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        LOG.debug("calling hotplug script: {} env {}", args, pb.environment().get("XENBUS_PATH"));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DeviceException("unable to run hotplug script " + what + ": " + e.getMessage(), e);
        }
        int status;
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new DeviceException("killing execution of " + what + " because of timeout");
            }
            status = p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while running " + what, e);
        }
        if (status != 0) {
            Optional<String> error = xs.readOptional(d.backendPath() + "/hotplug-error");
            String exited = what + " [" + p.pid() + "] exited with error status " + status;
            LOG.debug(exited);
            // libxl_report_child_exitstatus, then device_hotplug_child_death_cb's script error.
            List<String> lines = new ArrayList<>();
            lines.add("libxl_exec.c:117:libxl_report_child_exitstatus: " + exited);
            error.ifPresent(e -> lines.add("libxl_device.c:1337:device_hotplug_child_death_cb: script: " + e));
            throw new DeviceException(error.map(e -> "script: " + e).orElse(exited), lines, null);
        }
    }
}
