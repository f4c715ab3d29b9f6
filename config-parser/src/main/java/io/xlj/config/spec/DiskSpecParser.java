package io.xlj.config.spec;

import io.xlj.config.model.Defbool;
import io.xlj.config.model.DeviceDisk;
import io.xlj.config.model.DiskBackend;
import io.xlj.config.model.DiskFormat;
import io.xlj.config.model.DiskSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disk specification language of xl-disk-configuration(5), parsed as libxlutil 4.17's
 * flex scanner (libxlu_disk_l.l) and xlu_disk_parse (libxlu_disk.c) do, including
 * {@code trusted}/{@code untrusted} as documented (4.17's checked-in generated scanner
 * lacks those two rules; Xen master has them).
 *
 * <p>The scanner is emulated rule by rule: at each position every rule is tried, the
 * longest match wins (trailing context counts towards the length but is not consumed),
 * and ties go to the earlier rule, exactly flex's policy. Every spec string is scanned on
 * its own; messages name the spec being scanned.
 */
public final class DiskSpecParser {

    /** What a rule does once it has matched. */
    private enum Action {
        WHITESPACE, FORMAT, CDROM, DEVTYPE_CDROM, DEVTYPE_DISK, DEVTYPE_BAD, ACCESS, BACKEND,
        BACKENDTYPE, SPECIFICATION, VDEV, SCRIPT, DIRECT_IO_SAFE, DISCARD, NO_DISCARD, COLO,
        NO_COLO, COLO_HOST, COLO_PORT, COLO_EXPORT, ACTIVE_DISK, HIDDEN_DISK, TRUSTED,
        UNTRUSTED, TARGET, UNKNOWN_PARAMETER, FORMAT_PREFIX, SCRIPT_PREFIX, IGNORED_PREFIX,
        UNKNOWN_PREFIX, POSITIONAL, LEXERR
    }

    /**
     * One flex rule. Group 1 of the pattern is the text flex puts in yytext (the part
     * before any trailing context); the whole match is what competes for length.
     */
    private record Rule(Pattern pattern, Action action) {
        static Rule of(String regex, Action action) {
            return new Rule(Pattern.compile(regex), action);
        }
    }

    /** flex's '.': anything but a newline; ".*" likewise. */
    private static final String ANY = "[^\\n]";

    /** The rules of libxlu_disk_l.l, in its order (the order breaks ties). */
    private static final List<Rule> RULES = List.of(
            Rule.of("([ \\t\\n]+)(?:[^ \\t\\n]" + ANY + "*)?", Action.WHITESPACE),
            Rule.of("(format=[^,]*,?)", Action.FORMAT),
            Rule.of("(cdrom,?)", Action.CDROM),
            Rule.of("(devtype=cdrom,?)", Action.DEVTYPE_CDROM),
            Rule.of("(devtype=disk,?)", Action.DEVTYPE_DISK),
            Rule.of("(devtype=[^,]*,?)", Action.DEVTYPE_BAD),
            Rule.of("(access=[^,]*,?)", Action.ACCESS),
            Rule.of("(backend=[^,]*,?)", Action.BACKEND),
            Rule.of("(backendtype=[^,]*,?)", Action.BACKENDTYPE),
            Rule.of("(specification=[^,]*,?)", Action.SPECIFICATION),
            Rule.of("(vdev=[^,]*,?)", Action.VDEV),
            Rule.of("(script=[^,]*,?)", Action.SCRIPT),
            Rule.of("(direct-io-safe,?)", Action.DIRECT_IO_SAFE),
            Rule.of("(discard,?)", Action.DISCARD),
            Rule.of("(no-discard,?)", Action.NO_DISCARD),
            Rule.of("(colo,?)", Action.COLO),
            Rule.of("(no-colo,?)", Action.NO_COLO),
            Rule.of("(colo-host=[^,]*,?)", Action.COLO_HOST),
            Rule.of("(colo-port=[^,]*,?)", Action.COLO_PORT),
            Rule.of("(colo-export=[^,]*,?)", Action.COLO_EXPORT),
            Rule.of("(active-disk=[^,]*,?)", Action.ACTIVE_DISK),
            Rule.of("(hidden-disk=[^,]*,?)", Action.HIDDEN_DISK),
            Rule.of("(trusted,?)", Action.TRUSTED),
            Rule.of("(untrusted,?)", Action.UNTRUSTED),
            Rule.of("(target=" + ANY + "*)", Action.TARGET),
            Rule.of("([a-z][-a-z0-9]*=[^,],?)", Action.UNKNOWN_PARAMETER),
            Rule.of("((?:raw|qcow2?|vhd):)" + ANY + "*", Action.FORMAT_PREFIX),
            Rule.of("((?:iscsi|e?nbd|drbd):)" + ANY + "*", Action.SCRIPT_PREFIX),
            Rule.of("(tapdisk:)" + ANY + "*", Action.IGNORED_PREFIX),
            Rule.of("(tap2?:)" + ANY + "*", Action.IGNORED_PREFIX),
            Rule.of("(aio:)" + ANY + "*", Action.IGNORED_PREFIX),
            Rule.of("(ioemu:)" + ANY + "*", Action.IGNORED_PREFIX),
            Rule.of("(file:)" + ANY + "*", Action.IGNORED_PREFIX),
            Rule.of("(phy:)" + ANY + "*", Action.IGNORED_PREFIX),
            Rule.of("([a-z][a-z0-9]*:)(?:[^a-z0-9]" + ANY + "*)?", Action.UNKNOWN_PREFIX),
            Rule.of("([^=,]*,|[^=,]+)", Action.POSITIONAL),
            Rule.of("(" + ANY + ")", Action.LEXERR));

    private final String configSource;
    private final Diagnostics diag;
    private final DeviceDisk.Builder disk;
    private String spec;
    private boolean err;
    private boolean accessSet;
    private boolean hadDeprPrefix;

    private DiskSpecParser(String configSource, Diagnostics diag, DeviceDisk.Builder disk) {
        this.configSource = configSource;
        this.diag = diag;
        this.disk = disk;
    }

    /**
     * xl's parse_disk_config_multistring: parses the components into a fresh
     * libxl_device_disk (a disk spec may be split over several strings, as
     * {@code xl block-attach} receives it).
     *
     * @param configSource the name messages start with: the config file name, or
     *                     "command line"
     * @throws SpecException after the messages were printed, when xl would exit
     */
    public static DeviceDisk parse(String configSource, List<String> specs, Diagnostics diag) {
        DeviceDisk.Builder disk = DeviceDisk.builder();
        DiskSpecParser p = new DiskSpecParser(configSource, diag, disk);
        disk.readwrite = 1;
        for (String s : specs) {
            p.scan(s);
            if (p.err) {
                throw new SpecException("invalid disk specification `" + s + "'");
            }
        }
        if (disk.format == DiskFormat.UNKNOWN) {
            disk.format = DiskFormat.RAW;
        }
        if (disk.isCdrom != 0) {
            disk.removable = 1;
            disk.readwrite = 0;
            if (disk.pdevPath == null || disk.pdevPath.isEmpty()) {
                disk.format = DiskFormat.EMPTY;
            }
        }
        if (disk.vdev == null) {
            p.error(null, "no vdev specified");
            throw new SpecException("no vdev specified");
        }
        if (disk.pdevPath == null && disk.removable == 0) {
            p.error(null, "no target specified (and device not removable)");
            throw new SpecException("no target specified");
        }
        return disk.build();
    }

    /** xl's parse_disk_config: one spec string (a config file's disk list item). */
    public static DeviceDisk parse(String configSource, String spec, Diagnostics diag) {
        return parse(configSource, List.of(spec), diag);
    }

    private void scan(String s) {
        spec = s;
        int pos = 0;
        int len = s.length();
        Matcher[] matchers = new Matcher[RULES.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = RULES.get(i).pattern().matcher(s);
        }
        while (pos < len) {
            int best = -1;
            int bestLen = 0;
            for (int i = 0; i < matchers.length; i++) {
                Matcher m = matchers[i];
                m.region(pos, len);
                if (m.lookingAt() && m.end() - pos > bestLen) {
                    best = i;
                    bestLen = m.end() - pos;
                }
            }
            Matcher m = matchers[best];
            m.region(pos, len);
            m.lookingAt();
            String text = m.group(1);
            pos += text.length();
            if (!act(RULES.get(best).action(), text, s, pos)) {
                return;
            }
        }
    }

    /** Runs one rule's action; false when the scanner returns (stops this spec). */
    private boolean act(Action action, String yytext, String s, int next) {
        switch (action) {
            case WHITESPACE -> { }
            case FORMAT -> setFormat(fromEquals(strip(yytext, ',')));
            case CDROM, DEVTYPE_CDROM -> disk.isCdrom = 1;
            case DEVTYPE_DISK -> disk.isCdrom = 0;
            case DEVTYPE_BAD -> error(yytext, "unknown value for type");
            case ACCESS -> setAccess(fromEquals(strip(yytext, ',')));
            case BACKEND -> disk.backendDomname =
                    saveString("backend", disk.backendDomname, fromEquals(strip(yytext, ',')));
            case BACKENDTYPE -> setBackendType(fromEquals(strip(yytext, ',')));
            case SPECIFICATION -> setSpecification(fromEquals(strip(yytext, ',')));
            case VDEV -> disk.vdev = saveString("vdev", disk.vdev, fromEquals(strip(yytext, ',')));
            case SCRIPT -> disk.script =
                    saveString("script", disk.script, fromEquals(strip(yytext, ',')));
            case DIRECT_IO_SAFE -> disk.directIoSafe = true;
            case DISCARD -> disk.discardEnable = Defbool.TRUE;
            case NO_DISCARD -> disk.discardEnable = Defbool.FALSE;
            case COLO -> disk.coloEnable = Defbool.TRUE;
            case NO_COLO -> disk.coloEnable = Defbool.FALSE;
            case COLO_HOST -> disk.coloHost =
                    saveString("colo-host", disk.coloHost, fromEquals(strip(yytext, ',')));
            case COLO_PORT -> setColoPort(fromEquals(strip(yytext, ',')));
            case COLO_EXPORT -> disk.coloExport =
                    saveString("colo-export", disk.coloExport, fromEquals(strip(yytext, ',')));
            case ACTIVE_DISK -> disk.activeDisk =
                    saveString("active-disk", disk.activeDisk, fromEquals(strip(yytext, ',')));
            case HIDDEN_DISK -> disk.hiddenDisk =
                    saveString("hidden-disk", disk.hiddenDisk, fromEquals(strip(yytext, ',')));
            case TRUSTED -> disk.trusted = Defbool.TRUE;
            case UNTRUSTED -> disk.trusted = Defbool.FALSE;
            case TARGET -> disk.pdevPath =
                    saveString("target", disk.pdevPath, fromEquals(strip(yytext, ',')));
            case UNKNOWN_PARAMETER -> error(yytext, "unknown parameter");
            case FORMAT_PREFIX -> {
                hadDeprPrefix = true;
                setFormat(strip(yytext, ':'));
            }
            case SCRIPT_PREFIX -> {
                hadDeprPrefix = true;
                disk.script = saveString("script", disk.script, "block-" + strip(yytext, ':'));
            }
            case IGNORED_PREFIX -> hadDeprPrefix = true;
            case UNKNOWN_PREFIX -> {
                error(yytext, "unknown deprecated disk prefix");
                return false;
            }
            case POSITIONAL -> {
                return positional(strip(yytext, ','));
            }
            case LEXERR -> {
                return lexError(yytext, s, next);
            }
        }
        return true;
    }

    private boolean positional(String text) {
        if (err) {
            // previous errors may just lead to subsequent ones
        } else if (disk.pdevPath == null) {
            disk.pdevPath = saveString("target", disk.pdevPath, text);
        } else if (!hadDeprPrefix && disk.format == DiskFormat.UNKNOWN) {
            if (disk.pdevPath.isEmpty() && vdevAndDevtype(text)) {
                disk.format = DiskFormat.EMPTY;
            } else {
                setFormat(text);
            }
        } else if (disk.vdev == null) {
            if (!vdevAndDevtype(text)) {
                disk.vdev = saveString("vdev", disk.vdev, text);
            }
        } else if (!accessSet) {
            accessSet = true;
            setAccess(text);
        } else {
            error(text, "too many positional parameters");
            return false;
        }
        return true;
    }

    /**
     * The catch-all '.' rule switched to the LEXERR start condition and asked for yymore:
     * the next token is that character plus the rest of the line. At the end of the input
     * flex just stops (no message); at a newline no rule matches and the scanner jams.
     */
    private boolean lexError(String yytext, String s, int next) {
        if (next >= s.length()) {
            return false;
        }
        if (s.charAt(next) == '\n') {
            diag.print("flex scanner jammed\n");
            throw new SpecException("flex scanner jammed", 2);
        }
        int eol = s.indexOf('\n', next);
        String rest = eol < 0 ? s.substring(next) : s.substring(next, eol);
        error(yytext + rest, "bad disk syntax");
        return false;
    }

    /** Handles a vdev positional parameter of the form vdev:devtype. */
    private boolean vdevAndDevtype(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        disk.vdev = saveString("vdev", disk.vdev, text.substring(0, colon));
        String type = text.substring(colon + 1);
        if (type.equals("cdrom")) {
            disk.isCdrom = 1;
        } else if (type.equals("disk")) {
            disk.isCdrom = 0;
        } else {
            error(type, "unknown deprecated type");
        }
        return true;
    }

    /** Sets a string unless already set to a non-empty value (then complains). */
    private String saveString(String what, String current, String value) {
        if (current != null && !current.isEmpty()) {
            error(value, what + " respecified");
            return current;
        }
        return value;
    }

    private void setAccess(String str) {
        switch (str) {
            case "r", "ro" -> disk.readwrite = 0;
            case "rw", "w", "" -> disk.readwrite = 1;
            default -> error(str, "unknown value for access");
        }
    }

    private void setFormat(String str) {
        DiskFormat f = switch (str) {
            case "", "raw" -> DiskFormat.RAW;
            case "qcow" -> DiskFormat.QCOW;
            case "qcow2" -> DiskFormat.QCOW2;
            case "vhd" -> DiskFormat.VHD;
            case "empty" -> DiskFormat.EMPTY;
            case "qed" -> DiskFormat.QED;
            default -> null;
        };
        if (f == null) {
            error(str, "unknown value for format");
        } else if (disk.format != DiskFormat.UNKNOWN && disk.format != f) {
            error(str, "format respecified");
        } else {
            disk.format = f;
        }
    }

    private void setBackendType(String str) {
        DiskBackend b = switch (str) {
            case "phy" -> DiskBackend.PHY;
            case "tap" -> DiskBackend.TAP;
            case "qdisk" -> DiskBackend.QDISK;
            case "standalone" -> DiskBackend.STANDALONE;
            default -> null;
        };
        if (b == null) {
            error(str, "unknown value for backendtype");
        } else if (disk.backend != DiskBackend.UNKNOWN && disk.backend != b) {
            error(str, "backend respecified");
        } else {
            disk.backend = b;
        }
    }

    private void setSpecification(String str) {
        DiskSpecification sp = switch (str) {
            case "xen" -> DiskSpecification.XEN;
            case "virtio" -> DiskSpecification.VIRTIO;
            default -> null;
        };
        if (sp == null) {
            error(str, "unknown value for specification");
        } else if (disk.specification != DiskSpecification.UNKNOWN && disk.specification != sp) {
            error(str, "specification respecified");
        } else {
            disk.specification = sp;
        }
    }

    private void setColoPort(String str) {
        int port = (int) CNumbers.atol(str);
        if (port != 0) {
            disk.coloPort = port;
        } else {
            error(str, "unknown value for colo_port");
        }
    }

    /** xlu__disk_err. */
    private void error(String erroneous, String message) {
        StringBuilder sb = new StringBuilder();
        sb.append(configSource).append(": config parsing error in disk specification: ")
                .append(message);
        if (erroneous != null) {
            sb.append(": near `").append(erroneous).append('\'');
        }
        sb.append(" in `").append(spec == null ? "(null)" : spec).append("'\n");
        diag.print(sb.toString());
        err = true;
    }

    /** STRIP(delim): chops one trailing delimiter. */
    private static String strip(String s, char delim) {
        return !s.isEmpty() && s.charAt(s.length() - 1) == delim ? s.substring(0, s.length() - 1) : s;
    }

    private static String fromEquals(String s) {
        return s.substring(s.indexOf('=') + 1);
    }
}
