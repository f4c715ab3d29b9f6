package io.xlj.libxl.device;

import io.xlj.config.model.ChannelConnection;
import io.xlj.config.model.DeviceChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * xl.cfg's {@code channel=[...]} as libxl 4.17 builds them: each channel is a secondary
 * console whose backend is a QEMU in the backend domain, joined to a character device of
 * that QEMU: a pty (QEMU writes its path to the frontend's {@code tty}) or a Unix socket QEMU
 * listens on. The devid is xl's (the channel's index: 0, 1, ...), libxl's own numbering
 * (index + 1) only where none was given; console 0 being the primary console, libxl refuses
 * channel 0's console, so with xl the first channel gets QEMU's character device but no
 * frontend.
 */
public final class ChannelDevices {

    /** LIBXL_XENCONSOLE_PROTOCOL and LIBXL_XENCONSOLE_LIMIT: every console's, console 0's too. */
    public static final String CONSOLE_PROTOCOL = "vt100";
    public static final String CONSOLE_LIMIT = "1048576";

    private ChannelDevices() {
    }

    /**
     * One channel as created: the QEMU character device behind it, its backend domain and
     * its console device, or none for devid 0 (xl numbers channels from 0, and
     * libxl__device_console_add refuses a named console 0: libxl logs it and goes on without
     * that channel's nodes).
     */
    public record Resolved(DeviceChannel channel, int devid, int backendDomid, DeviceSpec spec) {
    }

    /**
     * libxl__init_console_from_channel and libxl__device_console_add (without build state)
     * for each channel.
     *
     * @param domidOfName a backend domain's id by name (libxl_domain_qualifier_to_domid);
     *                    null when there is no such domain
     * @throws DeviceException with libxl's line for a channel without a name or with an
     *                         unknown backend domain
     */
    public static List<Resolved> resolve(List<DeviceChannel> channels, int domid,
                                         Function<String, Integer> domidOfName) {
        List<Resolved> out = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            DeviceChannel c = channels.get(i);
            int devid = c.devid() == -1 ? i + 1 : c.devid();
            if (c.name() == null) {
                throw new DeviceException("channel " + devid + " has no name", List.of(
                        "libxl_console.c:407:libxl__init_console_from_channel: channel " + devid + " has no name"),
                        null);
            }
            int backend = (int) c.backendDomid();
            if (c.backendDomname() != null) {
                Integer b = domidOfName.apply(c.backendDomname());
                if (b == null) {
                    throw new DeviceException("channel " + devid + ": no backend domain " + c.backendDomname());
                }
                backend = b;
            }
            if (c.connection() == ChannelConnection.SOCKET && c.socketPath() == null) {
                throw new DeviceException("channel " + devid + " has no path", List.of(
                        "libxl_console.c:436:libxl__init_console_from_channel: channel " + devid + " has no path"),
                        null);
            }
            if (c.connection() == ChannelConnection.UNKNOWN) {
                throw new DeviceException("channel " + devid + " has no defined connection; to where should it be"
                        + " connected?", List.of("libxl_console.c:427:libxl__init_console_from_channel: channel "
                        + devid + " has no defined connection; to where should it be connected?"), null);
            }
            boolean socket = c.connection() == ChannelConnection.SOCKET;
            Map<String, String> back = new LinkedHashMap<>();
            back.put("frontend-id", Integer.toString(domid));
            back.put("online", "1");
            back.put("state", "1");
            back.put("protocol", CONSOLE_PROTOCOL);
            back.put("name", c.name());
            back.put("connection", socket ? "socket" : "pty");
            if (socket) {
                back.put("path", c.socketPath());
            }
            Map<String, String> front = new LinkedHashMap<>();
            front.put("backend-id", Integer.toString(backend));
            front.put("state", "1");
            front.put("protocol", CONSOLE_PROTOCOL);
            Map<String, String> roFront = new LinkedHashMap<>();
            roFront.put("name", c.name());
            roFront.put("limit", CONSOLE_LIMIT);
            roFront.put("type", "ioemu");
            roFront.put("output", socket ? "chardev:libxl-channel" + devid : "pty");
            roFront.put("tty", "");
            out.add(new Resolved(c, devid, backend, devid == 0 ? null : new DeviceSpec(DeviceKind.CONSOLE,
                    DeviceKind.CONSOLE, domid, backend, devid, back, front, roFront)));
        }
        return out;
    }

    /** libxl__need_xenpv_qemu's channel rule: a channel served from dom0 needs a QEMU there. */
    public static boolean needQemu(List<Resolved> channels) {
        return channels.stream().anyMatch(r -> r.backendDomid() == 0);
    }

    /** The device model's {@code -chardev} arguments for the channels (libxl_dm.c). */
    public static List<String> chardevArgs(List<Resolved> channels) {
        List<String> a = new ArrayList<>();
        for (Resolved r : channels) {
            int devid = r.devid();
            a.add("-chardev");
            a.add(r.channel().connection() == ChannelConnection.SOCKET
                    ? "socket,id=libxl-channel" + devid + ",path=" + r.channel().socketPath() + ",server=on,wait=off"
                    : "pty,id=libxl-channel" + devid);
        }
        return a;
    }
}
