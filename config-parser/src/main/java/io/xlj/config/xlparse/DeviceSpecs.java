package io.xlj.config.xlparse;

import io.xlj.config.CNumbers;
import io.xlj.config.model.ChannelConnection;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceChannel;
import io.xlj.config.model.DevicePci;
import io.xlj.config.model.DeviceUsbctrl;
import io.xlj.config.model.DeviceUsbdev;
import io.xlj.config.model.DeviceP9;
import io.xlj.config.model.DevicePvcallsif;
import io.xlj.config.model.DeviceVtpm;
import io.xlj.config.model.RdmReservePolicy;
import io.xlj.config.model.SdlInfo;
import io.xlj.config.model.UsbctrlType;
import io.xlj.config.model.UsbdevType;
import io.xlj.config.model.VncInfo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The small per-item spec languages of parse_config_data that have no libxlutil parser:
 * channel, usbctrl, usbdev and vfb items, and libxlu_pci.c's PCI_SPEC_STRING.
 */
final class DeviceSpecs {

    private DeviceSpecs() {
    }

    /** C's atoi: strtol base 10 truncated to int, 0 when there are no digits. */
    static int atoi(String s) {
        return (int) CNumbers.strtol(s, 10).value();
    }

    /** strtok(s, delims): the non-empty pieces. */
    static List<String> strtok(String s, String delims) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String t = s.substring(0, XlParse.cLength(s));
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (delims.indexOf(c) >= 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    static String skipSpaces(String p) {
        int i = 0;
        while (i < p.length() && p.charAt(i) == ' ') {
            i++;
        }
        return p.substring(i);
    }

    // ---- channel ----

    /** One channel=[…] item; devid is its position. */
    static DeviceChannel channel(String buf, int devid, PrintStream err) {
        String backend = null;
        String name = null;
        String path = null;
        ChannelConnection connection = ChannelConnection.UNKNOWN;
        for (String pair : strtok(buf, ",")) {
            List<String> kv = strtok(pair, "=");
            if (kv.size() < 2) {
                err.print("failed to parse channel configuration: " + pair);
                throw new XlExit(1);
            }
            String key = trim(kv.get(0));
            String value = trim(kv.get(1));
            switch (key) {
                case "backend" -> backend = value;
                case "name" -> name = value;
                case "path" -> path = value;
                case "connection" -> {
                    if (value.equals("pty")) {
                        connection = ChannelConnection.PTY;
                    } else if (value.equals("socket")) {
                        connection = ChannelConnection.SOCKET;
                    } else {
                        err.print("unknown channel connection '" + value + "'\n");
                        throw new XlExit(1);
                    }
                }
                default -> err.print("unknown channel parameter '" + key + "', ignoring\n");
            }
        }
        if (connection == ChannelConnection.UNKNOWN) {
            err.print("channel has unknown 'connection'\n");
            throw new XlExit(1);
        }
        if (connection == ChannelConnection.SOCKET && path == null) {
            err.print("channel connection 'socket' requires path=..\n");
            throw new XlExit(1);
        }
        return new DeviceChannel(0, backend, devid, name, connection,
                connection == ChannelConnection.SOCKET ? path : null);
    }

    /** xl's trim(isspace, …). */
    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && CNumbers.isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && CNumbers.isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    // ---- usbctrl / usbdev ----

    static DeviceUsbctrl usbctrl(String buf, int devid, PrintStream err) {
        UsbctrlType type = UsbctrlType.AUTO;
        int version = 0;
        int ports = 0;
        for (String tok : strtok(buf, ",")) {
            String p = skipSpaces(tok);
            if (p.startsWith("type=")) {
                UsbctrlType t = UsbctrlType.fromString(p.substring(5));
                if (t == null) {
                    err.print("Invalid usb controller type '" + p.substring(5) + "'\n");
                    throw new XlExit(1);
                }
                type = t;
            } else if (p.startsWith("version=")) {
                version = atoi(p.substring(8));
            } else if (p.startsWith("ports=")) {
                ports = atoi(p.substring(6));
            } else {
                err.print("Unknown string `" + p + "' in usbctrl spec\n");
                throw new XlExit(1);
            }
        }
        return new DeviceUsbctrl(type, devid, version, ports, 0, null);
    }

    static DeviceUsbdev usbdev(String buf, PrintStream err) {
        UsbdevType type = null;
        int ctrl = -1;
        int port = 0;
        int hostbus = 0;
        int hostaddr = 0;
        for (String tok : strtok(buf, ",")) {
            String p = skipSpaces(tok);
            if (p.startsWith("type=")) {
                UsbdevType t = UsbdevType.fromString(p.substring(5));
                if (t == null) {
                    // xl prints getopt's optarg here, which is NULL during create.
                    err.print("Invalid usb device type: (null)\n");
                    throw new XlExit(1);
                }
                type = t;
            } else if (p.startsWith("hostbus=")) {
                hostbus = (int) CNumbers.strtoul(p.substring(8), 0).value() & 0xff;
            } else if (p.startsWith("hostaddr=")) {
                hostaddr = (int) CNumbers.strtoul(p.substring(9), 0).value() & 0xff;
            } else if (p.startsWith("controller=")) {
                ctrl = atoi(p.substring(11));
            } else if (p.startsWith("port=")) {
                port = atoi(p.substring(5));
            } else {
                err.print("Unknown string `" + p + "' in usbdev spec\n");
                throw new XlExit(1);
            }
        }
        return new DeviceUsbdev(ctrl, port, type, hostbus, hostaddr);
    }

    // ---- vtpm, p9, pvcalls ----

    static DeviceVtpm vtpm(String buf, int devid, PrintStream err) {
        String backend = null;
        String uuid = null;
        for (String tok : strtok(buf, ",")) {
            String p = skipSpaces(tok);
            int eq = p.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = p.substring(0, eq);
            String value = p.substring(eq + 1);
            if (key.equals("backend")) {
                backend = value;
            } else if (key.equals("uuid")) {
                uuid = Uuids.parse(value);
                if (uuid == null) {
                    err.print("Failed to parse vtpm UUID: " + value + "\n");
                    throw new XlExit(1);
                }
                if (uuid.equals(Uuids.NIL)) {
                    uuid = null;
                }
            } else {
                err.print("Unknown string `" + key + "' in vtpm spec\n");
                throw new XlExit(1);
            }
        }
        if (backend == null) {
            err.print("vtpm spec missing required backend field!\n");
            throw new XlExit(1);
        }
        return new DeviceVtpm(0, backend, devid, uuid);
    }

    /**
     * The p9=[…] list. xl declares the item's fields outside its loop, so an item
     * inherits whatever earlier items set; and it re-initialises each device after
     * numbering it, so devid stays -1.
     */
    static List<DeviceP9> p9s(List<String> items, PrintStream err) {
        String securityModel = null;
        String path = null;
        String tag = null;
        String backend = null;
        List<DeviceP9> out = new ArrayList<>();
        for (String buf : items) {
            for (String tok : strtok(buf, ",")) {
                String p = skipSpaces(tok);
                int eq = p.indexOf('=');
                if (eq < 0) {
                    break;
                }
                String key = p.substring(0, eq);
                String value = p.substring(eq + 1);
                switch (key) {
                    case "security_model" -> securityModel = value;
                    case "path" -> path = value;
                    case "tag" -> tag = value;
                    case "backend" -> backend = value;
                    default -> {
                        err.print("Unknown string `" + key + "' in 9pfs spec\n");
                        throw new XlExit(1);
                    }
                }
            }
            if (path == null || securityModel == null || tag == null) {
                err.print("9pfs spec missing required field!\n");
                throw new XlExit(1);
            }
            out.add(new DeviceP9(0, backend, tag, path, securityModel, -1));
        }
        return out;
    }

    static DevicePvcallsif pvcalls(String buf, int devid, PrintStream err) {
        String backend = null;
        for (String tok : strtok(buf, ",")) {
            String p = skipSpaces(tok);
            int eq = p.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = p.substring(0, eq);
            if (key.equals("backend")) {
                backend = p.substring(eq + 1);
            } else {
                err.print("Unknown string `" + key + "' in pvcalls spec\n");
                throw new XlExit(1);
            }
        }
        return new DevicePvcallsif(0, backend, devid);
    }

    // ---- vfb ----

    /** The vnc, sdl and keymap settings of one vfb=[…] item. */
    record Vfb(VncInfo vnc, SdlInfo sdl, String keymap) {
    }

    static Vfb vfb(String buf) {
        Defbool vncEnable = Defbool.DEFAULT;
        String listen = null;
        String passwd = null;
        int display = 0;
        Defbool findunused = Defbool.DEFAULT;
        String keymap = null;
        Defbool sdl = Defbool.DEFAULT;
        Defbool opengl = Defbool.DEFAULT;
        String sdlDisplay = null;
        String xauthority = null;
        for (String tok : strtok(buf, ",")) {
            String p = skipSpaces(tok);
            int eq = p.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = p.substring(0, eq);
            String value = p.substring(eq + 1);
            switch (key) {
                case "vnc" -> vncEnable = Defbool.of(atoi(value) != 0);
                case "vnclisten" -> listen = value;
                case "vncpasswd" -> passwd = value;
                case "vncdisplay" -> display = atoi(value);
                case "vncunused" -> findunused = Defbool.of(atoi(value) != 0);
                case "keymap" -> keymap = value;
                case "sdl" -> sdl = Defbool.of(atoi(value) != 0);
                case "opengl" -> opengl = Defbool.of(atoi(value) != 0);
                case "display" -> sdlDisplay = value;
                case "xauthority" -> xauthority = value;
                default -> { }
            }
        }
        return new Vfb(new VncInfo(vncEnable, listen, passwd, display, findunused),
                new SdlInfo(sdl, opengl, sdlDisplay, xauthority), keymap);
    }

    // ---- pci (libxlu_pci.c) ----

    /**
     * xlu_pci_parse_spec_string into {@code pci}: 0, or ERROR_INVAL (-6) after any
     * message libxlutil prints (without a newline, as it does).
     */
    static int pci(DevicePci.Builder pci, String str, PrintStream report) {
        String s = str.substring(0, XlParse.cLength(str));
        boolean bdfPresent = false;
        boolean namePresent = false;
        int[] end = new int[1];
        int ptr = 0;
        if (parseBdf(pci, s, 0, end)) {
            bdfPresent = true;
            ptr = end[0];
            if (ptr < s.length() && s.charAt(ptr) == '@') {
                ptr++;
                long[] slot = parseVslot(s, ptr, end);
                if (slot == null) {
                    return -6;
                }
                pci.vdevfn = slot[0];
                ptr = end[0];
            }
            if (ptr < s.length() && s.charAt(ptr) == ',') {
                ptr++;
            } else if (ptr < s.length()) {
                return -6;
            }
        }
        while (ptr < s.length()) {
            int eq = s.indexOf('=', ptr);
            if (eq < 0) {
                return -6;
            }
            String key = s.substring(ptr, eq);
            int comma = s.indexOf(',', eq + 1);
            int valEnd = comma < 0 ? s.length() : comma;
            String val = s.substring(eq + 1, valEnd);
            ptr = comma < 0 ? s.length() : comma + 1;
            boolean ok = true;
            switch (key) {
                case "bdf" -> {
                    DevicePci.Builder tmp = pci;
                    if (parseBdf(tmp, val, 0, end)) {
                        bdfPresent = true;
                    } else {
                        ok = false;
                    }
                }
                case "vslot" -> {
                    long[] slot = parseVslot(val, 0, end);
                    if (slot == null) {
                        ok = false;
                    } else {
                        pci.vdevfn = slot[0];
                    }
                }
                case "permissive" -> pci.permissive = atoi(val) != 0;
                case "msitranslate" -> pci.msitranslate = atoi(val) != 0;
                case "seize" -> pci.seize = atoi(val) != 0;
                case "power_mgmt" -> pci.powerMgmt = atoi(val) != 0;
                case "rdm_policy" -> {
                    RdmReservePolicy p = RdmReservePolicy.fromString(val);
                    if (p == null) {
                        report.print("Unknown RDM policy: " + val);
                        // libxl_rdm_reserve_policy_from_string's ERROR_FAIL, not ERROR_INVAL.
                        return -3;
                    } else {
                        pci.rdmPolicy = p;
                    }
                }
                case "name" -> {
                    namePresent = true;
                    pci.name = val;
                }
                default -> {
                    report.print("Unknown PCI_SPEC_STRING option: " + key);
                    ok = false;
                }
            }
            if (!ok) {
                return -6;
            }
        }
        if (!(bdfPresent ^ namePresent)) {
            return -6;
        }
        return 0;
    }

    private static boolean isXdigit(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    /** parse_bdf: [DOMAIN:]BUS:DEV.FUNC or .* ; sets end[0]. */
    private static boolean parseBdf(DevicePci.Builder pci, String s, int from, int[] end) {
        int colons = 0;
        int i = from;
        while (i < s.length() && (isXdigit(s.charAt(i)) || s.charAt(i) == ':')) {
            if (s.charAt(i) == ':') {
                colons++;
            }
            i++;
        }
        long domain = 0;
        long bus;
        long dev;
        int ptr = from;
        long[] v = new long[1];
        if (colons == 1) {
            ptr = scanHex(s, ptr, v);
            if (ptr < 0 || !at(s, ptr, ':')) {
                return false;
            }
            bus = v[0];
            ptr = scanHex(s, ptr + 1, v);
            if (ptr < 0) {
                return false;
            }
            dev = v[0];
        } else if (colons == 2) {
            ptr = scanHex(s, ptr, v);
            if (ptr < 0 || !at(s, ptr, ':')) {
                return false;
            }
            domain = v[0];
            ptr = scanHex(s, ptr + 1, v);
            if (ptr < 0 || !at(s, ptr, ':')) {
                return false;
            }
            bus = v[0];
            ptr = scanHex(s, ptr + 1, v);
            if (ptr < 0) {
                return false;
            }
            dev = v[0];
        } else {
            return false;
        }
        // "%n" after "." is only reached when the dot is there.
        if (!at(s, ptr, '.')) {
            return false;
        }
        ptr++;
        if (domain > 0xffff || bus > 0xff || dev > 0x1f) {
            return false;
        }
        long func;
        if (at(s, ptr, '*')) {
            pci.vfuncMask = 0xffffffffL;
            func = 0;
            ptr++;
        } else {
            ptr = scanHex(s, ptr, v);
            if (ptr < 0 || v[0] > 7) {
                return false;
            }
            func = v[0];
            pci.vfuncMask = 1;
        }
        pci.domain = (int) domain;
        pci.bus = (int) bus;
        pci.dev = (int) dev;
        pci.func = (int) func;
        end[0] = ptr;
        return true;
    }

    private static long[] parseVslot(String s, int from, int[] end) {
        long[] v = new long[1];
        int ptr = scanHex(s, from, v);
        if (ptr < 0 || v[0] > 0x1f) {
            return null;
        }
        end[0] = ptr;
        return new long[] {v[0] << 3};
    }

    private static boolean at(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    /** sscanf "%x" into an unsigned int: the index after the digits, or -1. */
    private static int scanHex(String s, int from, long[] out) {
        if (from > s.length()) {
            return -1;
        }
        CNumbers.Parsed p = CNumbers.strtoul(s.substring(from), 16);
        if (p.end() == 0) {
            return -1;
        }
        out[0] = p.value() & 0xffffffffL;
        return from + p.end();
    }
}
