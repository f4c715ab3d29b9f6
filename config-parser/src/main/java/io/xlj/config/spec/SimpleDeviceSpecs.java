package io.xlj.config.spec;

import io.xlj.config.model.DeviceP9;
import io.xlj.config.model.DevicePvcallsif;
import io.xlj.config.model.DeviceVtpm;
import java.util.ArrayList;
import java.util.List;

/**
 * The small {@code key=value,...} device specs of xl 4.17's parse_config_data: vtpm, p9
 * and pvcalls. Like xl, a token without '=' ends the item (the rest is ignored).
 */
public final class SimpleDeviceSpecs {

    private SimpleDeviceSpecs() {
    }

    private static SpecException exit(Diagnostics diag, String msg) {
        diag.print(msg + "\n");
        return new SpecException(msg);
    }

    /** One item of {@code vtpm=[...]}; {@code devid} is its position. */
    public static DeviceVtpm vtpm(String spec, int devid, Diagnostics diag) {
        String backend = null;
        String uuid = null;
        boolean gotBackend = false;
        for (String t : CStrings.strtok(spec, ",")) {
            String p = CStrings.skipSpaces(t);
            int eq = p.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = p.substring(0, eq);
            String value = p.substring(eq + 1);
            if (key.equals("backend")) {
                backend = value;
                gotBackend = true;
            } else if (key.equals("uuid")) {
                uuid = parseUuid(value);
                if (uuid == null) {
                    throw exit(diag, "Failed to parse vtpm UUID: " + value);
                }
            } else {
                throw exit(diag, "Unknown string `" + key + "' in vtpm spec");
            }
        }
        if (!gotBackend) {
            throw exit(diag, "vtpm spec missing required backend field!");
        }
        return new DeviceVtpm(0, backend, devid, uuid.equals(NIL_UUID) ? null : uuid);
    }

    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    /** libuuid's uuid_parse: 36 characters, hyphens at 8, 13, 18, 23, hex elsewhere; lower-cased. */
    static String parseUuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphen ? c != '-' : Character.digit(c, 16) < 0 || c > 127) {
                return null;
            }
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The whole {@code p9=[...]} list: xl keeps the tag, path, security_model and backend
     * of earlier items when a later item omits them, so items are not independent.
     */
    public static List<DeviceP9> p9s(List<String> items, Diagnostics diag) {
        List<DeviceP9> out = new ArrayList<>();
        String securityModel = null;
        String path = null;
        String tag = null;
        String backend = null;
        for (String item : items) {
            for (String t : CStrings.strtok(item, ",")) {
                String p = CStrings.skipSpaces(t);
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
                    default -> throw exit(diag, "Unknown string `" + key + "' in 9pfs spec");
                }
            }
            if (path == null || securityModel == null || tag == null) {
                throw exit(diag, "9pfs spec missing required field!");
            }
            // libxl_device_p9_init runs again after ARRAY_EXTEND_INIT: devid stays -1
            out.add(new DeviceP9(0, backend, tag, path, securityModel, -1));
        }
        return out;
    }

    /** One item of {@code pvcalls=[...]}; {@code devid} is its position. */
    public static DevicePvcallsif pvcalls(String spec, int devid, Diagnostics diag) {
        String backend = null;
        for (String t : CStrings.strtok(spec, ",")) {
            String p = CStrings.skipSpaces(t);
            int eq = p.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = p.substring(0, eq);
            if (!key.equals("backend")) {
                throw exit(diag, "Unknown string `" + key + "' in pvcalls spec");
            }
            backend = p.substring(eq + 1);
        }
        return new DevicePvcallsif(0, backend, devid);
    }
}
