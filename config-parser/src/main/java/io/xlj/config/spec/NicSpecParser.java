package io.xlj.config.spec;

import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceNic;
import io.xlj.config.model.Mac;
import io.xlj.config.model.NicColo;
import io.xlj.config.model.NicType;
import java.util.HashMap;
import java.util.Map;

/**
 * The vif specification (xl-network-configuration(5)) as xl 4.17's parse_nic_config
 * (xl_parse.c) reads it: one {@code key=value} token at a time.
 */
public final class NicSpecParser {

    private static final Map<String, NicColo> COLO_OPTIONS = new HashMap<>();

    static {
        for (NicColo c : NicColo.values()) {
            COLO_OPTIONS.put(c.option(), c);
        }
    }

    private NicSpecParser() {
    }

    /**
     * The network defaults from xl.conf that xl's set_default_nic_values copies into every
     * new nic (null where xl.conf does not set them).
     */
    public record NicDefaults(String script, String bridge, String gatewaydev, String backend) {
        public static final NicDefaults NONE = new NicDefaults(null, null, null, null);

        /** set_default_nic_values. */
        public void applyTo(DeviceNic.Builder nic) {
            if (script != null) {
                nic.script = script;
            }
            if (bridge != null) {
                nic.bridge = bridge;
            }
            if (gatewaydev != null) {
                nic.gatewaydev = gatewaydev;
            }
            if (backend != null) {
                nic.backendDomname = backend;
            }
        }
    }

    /**
     * parse_nic_config: applies one token to {@code nic}.
     *
     * @param configSource the name libxlutil messages start with (rate errors)
     * @return true when accepted; false when xl's parse_nic_config returns 1 (the message
     *         has been printed)
     * @throws SpecException where xl exits (bad rate, bad number)
     */
    public static boolean applyToken(DeviceNic.Builder nic, String configSource, String token,
                                     Diagnostics diag) {
        int eq = token.indexOf('=');
        if (eq < 0) {
            if (token.equals("trusted")) {
                nic.trusted = Defbool.TRUE;
                return true;
            }
            if (token.equals("untrusted")) {
                nic.trusted = Defbool.FALSE;
                return true;
            }
            return unrecognized(token, diag);
        }
        String key = token.substring(0, eq);
        String value = token.substring(eq + 1);
        switch (key) {
            case "type" -> {
                if (value.equals("vif")) {
                    nic.nictype = NicType.VIF;
                } else if (value.equals("ioemu")) {
                    nic.nictype = NicType.VIF_IOEMU;
                } else {
                    diag.print("Invalid parameter `type'.\n");
                    return false;
                }
            }
            case "mac" -> {
                return parseMac(nic, value, diag);
            }
            case "bridge" -> nic.bridge = value;
            case "netdev" -> {
                diag.print("the netdev parameter is deprecated, please use gatewaydev instead\n");
                nic.gatewaydev = value;
            }
            case "gatewaydev" -> nic.gatewaydev = value;
            case "ip" -> nic.ip = value;
            case "script" -> nic.script = value;
            case "backend" -> nic.backendDomname = value;
            case "vifname" -> nic.ifname = value;
            case "model" -> nic.model = value;
            case "rate" -> VifRateParser.parse(configSource, value, nic, diag);
            case "accel" -> diag.print("the accel parameter for vifs is currently not supported\n");
            case "devid" -> nic.devid = (int) parseUlong(value, diag);
            case "mtu" -> nic.mtu = (int) parseUlong(value, diag);
            default -> {
                NicColo colo = COLO_OPTIONS.get(key);
                if (colo == null) {
                    return unrecognized(token, diag);
                }
                nic.colo.put(colo, value);
            }
        }
        return true;
    }

    /**
     * A whole vif list item of a config file, as xl_parse.c splits it: strtok on ',' (so
     * empty items vanish), leading spaces skipped, each token applied; return values are
     * ignored, like xl does.
     */
    public static void applySpec(DeviceNic.Builder nic, String configSource, String spec,
                                 Diagnostics diag) {
        for (String token : spec.split(",")) {
            if (token.isEmpty()) {
                continue;
            }
            int i = 0;
            while (i < token.length() && token.charAt(i) == ' ') {
                i++;
            }
            applyToken(nic, configSource, token.substring(i), diag);
        }
    }

    private static boolean unrecognized(String token, Diagnostics diag) {
        diag.print("unrecognized argument `" + token + "'\n");
        return false;
    }

    /**
     * Six hex numbers, each ended by any one character; like xl, values wrap to 32 bits
     * before the {@code > 255} check, and a too-short string fails.
     */
    private static boolean parseMac(DeviceNic.Builder nic, String arg, Diagnostics diag) {
        // xl stores each octet as it goes, so a failure keeps the octets before it
        int[] octets = new int[6];
        for (int i = 0; i < 6; i++) {
            octets[i] = nic.mac.octet(i);
        }
        int pos = 0;
        for (int i = 0; i < 6; i++) {
            // past the end xl would read beyond the string; treat it as no digits
            CNumbers.Result r = pos > arg.length() ? null : CNumbers.strtoul(arg, pos, 16);
            long val = r == null ? 0 : r.value() & 0xFFFF_FFFFL;
            if (r == null || r.end() == pos || val > 255) {
                nic.mac = Mac.of(octets);
                diag.print("Invalid parameter `mac'.\n");
                return false;
            }
            octets[i] = (int) val;
            pos = r.end() + 1;
        }
        nic.mac = Mac.of(octets);
        return true;
    }

    /** xl_parse.c parse_ulong: strtoul base 10, exit on no digits or ULONG_MAX. */
    static long parseUlong(String str, Diagnostics diag) {
        CNumbers.Result r = CNumbers.strtoul(str, 10);
        if (r.end() == 0 || r.value() == -1L) {
            diag.print("xl: failed to convert \"" + str + "\" to number\n");
            throw new SpecException("failed to convert \"" + str + "\" to number");
        }
        return r.value();
    }
}
