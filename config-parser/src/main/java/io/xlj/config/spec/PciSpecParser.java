package io.xlj.config.spec;

import io.xlj.config.model.DevicePci;
import io.xlj.config.model.RdmReservePolicy;
import io.xlj.config.model.RdmReserveStrategy;

/**
 * PCI_SPEC_STRING (xl-pci-configuration(5)) and the {@code rdm=} option, as libxlutil
 * 4.17's libxlu_pci.c parses them. Results are libxl error codes (0, ERROR_INVAL -6,
 * ERROR_FAIL -3), because xl turns them into its exit status ({@code exit(-e)}).
 */
public final class PciSpecParser {

    public static final int ERROR_FAIL = -3;
    public static final int ERROR_INVAL = -6;

    private PciSpecParser() {
    }

    /** A parsed hex number (sscanf %x) and where it ended. */
    private record Hex(long value, int end) {
    }

    private static Hex hex(String s, int pos) {
        if (pos > s.length()) {
            return null;
        }
        CNumbers.Result r = CNumbers.strtoul(s, pos, 16);
        if (r.end() == pos) {
            return null;
        }
        return new Hex(r.value() & 0xFFFF_FFFFL, r.end());
    }

    private static boolean isXdigit(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    /** parse_bdf: returns the end index, or -1 (ERROR_INVAL). */
    private static int parseBdf(DevicePci.Builder pci, String s, int start) {
        int colons = 0;
        for (int i = start; i < s.length() && (isXdigit(s.charAt(i)) || s.charAt(i) == ':'); i++) {
            if (s.charAt(i) == ':') {
                colons++;
            }
        }
        long domain = 0;
        int pos = start;
        Hex h;
        if (colons == 2) {
            h = hex(s, pos);
            if (h == null || !at(s, h.end(), ':')) {
                return -1;
            }
            domain = h.value();
            pos = h.end() + 1;
        } else if (colons != 1) {
            return -1;
        }
        Hex bus = hex(s, pos);
        if (bus == null || !at(s, bus.end(), ':')) {
            return -1;
        }
        Hex dev = hex(s, bus.end() + 1);
        // without the '.' sscanf leaves %n unset; xl then reads garbage: refuse instead
        if (dev == null || !at(s, dev.end(), '.')) {
            return -1;
        }
        if (domain > 0xffff || bus.value() > 0xff || dev.value() > 0x1f) {
            return -1;
        }
        pos = dev.end() + 1;
        long func;
        if (at(s, pos, '*')) {
            pci.vfuncMask = DevicePci.FUNC_ALL;
            func = 0;
            pos++;
        } else {
            Hex f = hex(s, pos);
            if (f == null || f.value() > 7) {
                return -1;
            }
            pci.vfuncMask = 1;
            func = f.value();
            pos = f.end();
        }
        pci.domain = (int) domain;
        pci.bus = (int) bus.value();
        pci.dev = (int) dev.value();
        pci.func = (int) func;
        return pos;
    }

    /** parse_vslot: the end index, or -1. */
    private static int parseVslot(DevicePci.Builder pci, String s, int pos) {
        Hex h = hex(s, pos);
        if (h == null || h.value() > 0x1f) {
            return -1;
        }
        pci.vdevfn = h.value() << 3;
        return h.end();
    }

    private static boolean at(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    /**
     * xlu_pci_parse_spec_string into {@code pci} (which holds xl's defaults).
     *
     * @param report libxlutil's report stream (its messages have no newline)
     * @return 0 or a libxl error code
     */
    public static int parse(DevicePci.Builder pci, String str, Diagnostics report) {
        boolean bdfPresent = false;
        boolean namePresent = false;
        int pos = 0;
        int end = parseBdf(pci, str, 0);
        if (end >= 0) {
            bdfPresent = true;
            pos = end;
            if (at(str, pos, '@')) {
                pos = parseVslot(pci, str, pos + 1);
                if (pos < 0) {
                    return ERROR_INVAL;
                }
            }
            if (at(str, pos, ',')) {
                pos++;
            } else if (pos < str.length()) {
                return ERROR_INVAL;
            }
        }
        while (pos < str.length()) {
            int eq = str.indexOf('=', pos);
            if (eq < 0) {
                return ERROR_INVAL;
            }
            String key = str.substring(pos, eq);
            int comma = str.indexOf(',', eq + 1);
            String val = str.substring(eq + 1, comma < 0 ? str.length() : comma);
            pos = comma < 0 ? str.length() : comma + 1;
            int ret = 0;
            switch (key) {
                case "bdf" -> {
                    if (parseBdf(pci, val, 0) >= 0) {
                        bdfPresent = true;
                    } else {
                        ret = ERROR_INVAL;
                    }
                }
                case "vslot" -> ret = parseVslot(pci, val, 0) >= 0 ? 0 : ERROR_INVAL;
                case "permissive" -> pci.permissive = CStrings.atoi(val) != 0;
                case "msitranslate" -> pci.msitranslate = CStrings.atoi(val) != 0;
                case "seize" -> pci.seize = CStrings.atoi(val) != 0;
                case "power_mgmt" -> pci.powerMgmt = CStrings.atoi(val) != 0;
                case "rdm_policy" -> {
                    RdmReservePolicy p = RdmReservePolicy.fromString(val);
                    if (p == null) {
                        report.print("Unknown RDM policy: " + val);
                        ret = ERROR_FAIL;
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
                    ret = ERROR_INVAL;
                }
            }
            if (ret != 0) {
                return ret;
            }
        }
        return bdfPresent ^ namePresent ? 0 : ERROR_INVAL;
    }

    /**
     * One item of {@code pci=[...]} as parse_config_data handles it: parsed, or xl's
     * message and exit status {@code -e}.
     */
    public static DevicePci parsePassthrough(DevicePci.Builder pci, String str, Diagnostics diag) {
        int e = parse(pci, str, diag);
        if (e != 0) {
            diag.print("unable to parse PCI_SPEC_STRING `" + str + "' for passthrough\n");
            throw new SpecException("unable to parse PCI_SPEC_STRING `" + str + "'", -e);
        }
        return pci.build();
    }

    /**
     * The result of {@code rdm=}: {@code ok} false when xlu_rdm_parse fails (xl then leaves
     * b_info alone). On success xl copies a policy it never initialised: libxl prints it
     * as JSON null, which {@code policy == null} stands for.
     */
    public record Rdm(boolean ok, RdmReserveStrategy strategy, RdmReservePolicy policy) {
    }

    /**
     * xlu_rdm_parse, quirks included: a policy that parses makes the whole string fail
     * (4.17 tests the result of parse_rdm_policy the wrong way round), an unknown policy
     * only prints a message.
     */
    public static Rdm parseRdm(String str, Diagnostics report) {
        final int type = 0;
        final int strategyState = 1;
        final int policyState = 2;
        final int terminal = 3;
        int state = type;
        RdmReserveStrategy strategy = null;
        String s = str + '\0';
        int tok = 0;
        int ptr;
        for (ptr = 0; ptr < s.length(); ptr++) {
            char c = s.charAt(ptr);
            switch (state) {
                case type -> {
                    if (c == '=') {
                        String t = s.substring(tok, ptr);
                        if (t.equals("strategy")) {
                            state = strategyState;
                        } else if (t.equals("policy")) {
                            state = policyState;
                        } else {
                            report.print("Unknown RDM state option: " + t);
                            return new Rdm(false, null, null);
                        }
                        tok = ptr + 1;
                    }
                }
                case strategyState -> {
                    if (c == '\0' || c == ',') {
                        state = c == ',' ? type : terminal;
                        String t = s.substring(tok, ptr);
                        if (t.equals("host")) {
                            strategy = RdmReserveStrategy.HOST;
                        } else {
                            report.print("Unknown RDM strategy option: " + t);
                            return new Rdm(false, null, null);
                        }
                        tok = ptr + 1;
                    }
                }
                case policyState -> {
                    if (c == ',' || c == '\0') {
                        state = c == ',' ? type : terminal;
                        String t = s.substring(tok, ptr);
                        if (RdmReservePolicy.fromString(t) != null) {
                            return new Rdm(false, null, null);
                        }
                        report.print("Unknown RDM policy: " + t);
                        tok = ptr + 1;
                    }
                }
                default -> { }
            }
        }
        if (tok != ptr || state != terminal) {
            return new Rdm(false, null, null);
        }
        return new Rdm(true, strategy, null);
    }
}
