package io.xlj.config.spec;

import io.xlj.config.model.ConnectorParam;
import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceVdispl;
import io.xlj.config.model.DeviceVfb;
import io.xlj.config.model.DeviceVkb;
import io.xlj.config.model.LibxlEnums;
import io.xlj.config.model.SdlInfo;
import io.xlj.config.model.VkbBackend;
import io.xlj.config.model.VncInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The display and input device specs of xl 4.17: {@code vfb=[...]} items (each also makes
 * a vkb), {@code vkb=[...]} items and {@code vdispl=[...]} items.
 */
public final class VfbSpecParser {

    private VfbSpecParser() {
    }

    /**
     * One vfb item. Unknown keys are ignored and a token without '=' ends the item, as in
     * xl. The matching vkb is {@link DeviceVkb#withDevid} of the vkb list's length.
     */
    public static DeviceVfb vfb(String spec, int devid, Diagnostics diag) {
        VncInfo vnc = VncInfo.DEFAULT;
        SdlInfo sdl = SdlInfo.DEFAULT;
        String keymap = null;
        for (String t : CStrings.strtok(spec, ",")) {
            String p = CStrings.skipSpaces(t);
            int eq = p.indexOf('=');
            if (eq < 0) {
                break;
            }
            String v = p.substring(eq + 1);
            switch (p.substring(0, eq)) {
                case "vnc" -> vnc = new VncInfo(flag(v), vnc.listen(), vnc.passwd(), vnc.display(), vnc.findunused());
                case "vnclisten" -> vnc = new VncInfo(vnc.enable(), v, vnc.passwd(), vnc.display(), vnc.findunused());
                case "vncpasswd" -> vnc = new VncInfo(vnc.enable(), vnc.listen(), v, vnc.display(), vnc.findunused());
                case "vncdisplay" -> vnc = new VncInfo(vnc.enable(), vnc.listen(), vnc.passwd(), CStrings.atoi(v),
                        vnc.findunused());
                case "vncunused" -> vnc = new VncInfo(vnc.enable(), vnc.listen(), vnc.passwd(), vnc.display(), flag(v));
                case "keymap" -> keymap = v;
                case "sdl" -> sdl = new SdlInfo(flag(v), sdl.opengl(), sdl.display(), sdl.xauthority());
                case "opengl" -> sdl = new SdlInfo(sdl.enable(), flag(v), sdl.display(), sdl.xauthority());
                case "display" -> sdl = new SdlInfo(sdl.enable(), sdl.opengl(), v, sdl.xauthority());
                case "xauthority" -> sdl = new SdlInfo(sdl.enable(), sdl.opengl(), sdl.display(), v);
                default -> { }
            }
        }
        return new DeviceVfb(0, null, devid, vnc, sdl, keymap);
    }

    private static Defbool flag(String v) {
        return Defbool.of(CStrings.atoi(v) != 0);
    }

    private static SpecException exit(Diagnostics diag, String msg) {
        diag.print(msg + "\n");
        return new SpecException(msg);
    }

    /** One vkb item (xl_parse.c parse_vkb_config and parse_vkb_list's checks). */
    public static DeviceVkb vkb(String spec, int devid, Diagnostics diag) {
        DeviceVkb.Builder vkb = new DeviceVkb.Builder();
        vkb.devid = devid;
        for (String t : CStrings.strtok(spec, ",")) {
            String token = CStrings.skipSpaces(t);
            String v;
            if ((v = CStrings.matchOption("backend", token)) != null) {
                vkb.backendDomname = v;
            } else if ((v = CStrings.matchOption("backend-type", token)) != null) {
                VkbBackend b = LibxlEnums.fromString(VkbBackend.class, v);
                if (b == null) {
                    throw exit(diag, "Unknown backend_type \"" + v + "\" in vkb spec");
                }
                vkb.backendType = b;
            } else if ((v = CStrings.matchOption("unique-id", token)) != null) {
                vkb.uniqueId = v;
            } else if ((v = CStrings.matchOption("feature-disable-keyboard", token)) != null) {
                vkb.featureDisableKeyboard = CStrings.strtoul0(v) != 0;
            } else if ((v = CStrings.matchOption("feature-disable-pointer", token)) != null) {
                vkb.featureDisablePointer = CStrings.strtoul0(v) != 0;
            } else if ((v = CStrings.matchOption("feature-abs-pointer", token)) != null) {
                vkb.featureAbsPointer = CStrings.strtoul0(v) != 0;
            } else if ((v = CStrings.matchOption("feature-raw-pointer", token)) != null) {
                vkb.featureRawPointer = CStrings.strtoul0(v) != 0;
            } else if ((v = CStrings.matchOption("feature-multi-touch", token)) != null) {
                vkb.featureMultiTouch = CStrings.strtoul0(v) != 0;
            } else if ((v = CStrings.matchOption("multi-touch-width", token)) != null) {
                vkb.multiTouchWidth = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
            } else if ((v = CStrings.matchOption("multi-touch-height", token)) != null) {
                vkb.multiTouchHeight = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
            } else if ((v = CStrings.matchOption("multi-touch-num-contacts", token)) != null) {
                vkb.multiTouchNumContacts = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
            } else if ((v = CStrings.matchOption("width", token)) != null) {
                vkb.width = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
            } else if ((v = CStrings.matchOption("height", token)) != null) {
                vkb.height = CStrings.strtoul0(v) & 0xFFFF_FFFFL;
            } else {
                throw exit(diag, "Unknown string \"" + token + "\" in vkb spec");
            }
        }
        if (vkb.backendType == VkbBackend.UNKNOWN) {
            throw exit(diag, "backend-type should be set in vkb spec");
        }
        boolean mt = vkb.multiTouchHeight != 0 || vkb.multiTouchWidth != 0 || vkb.multiTouchNumContacts != 0;
        if (mt) {
            vkb.featureMultiTouch = true;
        }
        if (vkb.featureMultiTouch && !mt) {
            throw exit(diag, "multi-touch-width, multi-touch-height, multi-touch-num-contacts should be set"
                    + " for multi touch in vkb spec");
        }
        return vkb.build();
    }

    /** One vdispl item (xl_parse.c parse_vdispl_config and the list loop's check). */
    public static DeviceVdispl vdispl(String spec, int devid, Diagnostics diag) {
        String backend = null;
        boolean beAlloc = false;
        ConnectorParam[] connectors = new ConnectorParam[0];
        for (String t : CStrings.strtok(spec, ",")) {
            String token = CStrings.skipSpaces(t);
            String v;
            if ((v = CStrings.matchOption("backend", token)) != null) {
                backend = v;
            } else if ((v = CStrings.matchOption("be-alloc", token)) != null) {
                beAlloc = CStrings.strtoul0(v) != 0;
            } else if ((v = CStrings.matchOption("connectors", token)) != null) {
                List<String> list = CStrings.strtok(v, ";");
                connectors = new ConnectorParam[list.size()];
                Arrays.fill(connectors, new ConnectorParam(null, 0, 0));
                for (int i = 0; i < list.size(); i++) {
                    String[] pair = CStrings.splitPair(list.get(i), ":");
                    String id = pair == null ? null : pair[0];
                    String resolution = pair == null ? "" : pair[1];
                    long[] wh = new long[2];
                    int n = scanResolution(resolution, wh);
                    connectors[i] = new ConnectorParam(id, wh[0], wh[1]);
                    if (n != 2) {
                        diag.print("Can't parse connector resolution\n");
                        if (n != 0) {
                            throw new SpecException("Can't parse connector resolution");
                        }
                        // sscanf matched nothing: xl returns 0 and carries on
                        break;
                    }
                }
            } else {
                throw exit(diag, "Unknown string \"" + token + "\" in vdispl spec");
            }
        }
        if (connectors.length == 0) {
            throw exit(diag, "At least one connector should be specified.");
        }
        return new DeviceVdispl(0, backend, devid, beAlloc, new ArrayList<>(Arrays.asList(connectors)));
    }

    /** sscanf(s, "%ux%u", &w, &h): the number of conversions (-1 for empty input). */
    static int scanResolution(String s, long[] wh) {
        int i = 0;
        while (i < s.length() && CNumbers.isSpace(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return -1;
        }
        CNumbers.Result w = CNumbers.strtoul(s, i, 10);
        if (w.end() == i) {
            return 0;
        }
        wh[0] = w.value() & 0xFFFF_FFFFL;
        int p = w.end();
        if (p >= s.length() || s.charAt(p) != 'x') {
            return 1;
        }
        CNumbers.Result h = CNumbers.strtoul(s, p + 1, 10);
        if (h.end() == p + 1) {
            return 1;
        }
        wh[1] = h.value() & 0xFFFF_FFFFL;
        return 2;
    }
}
