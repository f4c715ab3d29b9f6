package io.xlj.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * glibc's getopt_long, because xl's option handling is visible in its
 * messages and exit codes: argument permutation (unless the optstring starts
 * with {@code +}), clustered short options, {@code --} ending options, long
 * options by unique prefix, {@code --name=value}, and '?' with
 * {@link #optopt()} on errors.  Without long options (plain getopt), "--x"
 * is a cluster of short options starting with '-'.  Error messages are printed only when
 * {@code opterr} is set (xl's global options); xl's commands print their own.
 *
 * <pre>
 *   Getopt g = new Getopt(argv, "hqn", longs);   // argv[0] is the command name
 *   for (int c; (c = g.next()) != -1; ) { ... g.optarg() ... }
 *   String[] rest = g.remaining();               // operands, in order
 * </pre>
 */
public final class Getopt {

    /** struct option: has_arg is 0 (none), 1 (required) or 2 (optional). */
    public record LongOpt(String name, int hasArg, int val) {
        public static final int NO_ARGUMENT = 0;
        public static final int REQUIRED_ARGUMENT = 1;
        public static final int OPTIONAL_ARGUMENT = 2;
    }

    private final String[] argv;
    private final String optstring;
    private final LongOpt[] longopts;
    private final boolean permute;
    private boolean opterr;
    private PrintStream err;

    private int index = 1;          // next argv element to look at
    private int nextChar;           // position inside a short-option cluster, 0 when none
    private String optarg;
    private int optopt = '?';
    private int longIndex = -1;
    private final List<String> options = new ArrayList<>();
    private final List<String> operands = new ArrayList<>();
    private boolean done;

    public Getopt(String[] argv, String optstring, LongOpt... longopts) {
        this.argv = argv.clone();
        this.permute = !optstring.startsWith("+") && System.getenv("POSIXLY_CORRECT") == null;
        this.optstring = optstring.startsWith("+") || optstring.startsWith("-") ? optstring.substring(1) : optstring;
        this.longopts = longopts == null ? new LongOpt[0] : longopts.clone();
    }

    /** Makes errors print glibc's messages ("PROG: invalid option -- 'x'") to {@code err}. */
    public Getopt printErrors(PrintStream err) {
        this.opterr = true;
        this.err = err;
        return this;
    }

    public String optarg() {
        return optarg;
    }

    public int optopt() {
        return optopt;
    }

    /** Index into longopts of the long option last returned, or -1. */
    public int longIndex() {
        return longIndex;
    }

    /** The next option (its char or long val), '?' for an error, or -1 when no options are left. */
    public int next() {
        optarg = null;
        longIndex = -1;
        if (done) return -1;
        if (nextChar == 0) {
            for (;;) {
                if (index >= argv.length) return finish();
                String a = argv[index];
                if (a.equals("--")) {
                    options.add(a);
                    index++;
                    while (index < argv.length) operands.add(argv[index++]);
                    return finish();
                }
                if (a.length() > 1 && a.charAt(0) == '-') break;
                if (!permute) return finish();
                operands.add(a);
                index++;
            }
            String a = argv[index];
            if (a.startsWith("--") && longopts.length > 0) {
                options.add(a);
                index++;
                return longOption(a.substring(2));
            }
            options.add(a);
            nextChar = 1;
        }
        String a = argv[index];
        char c = a.charAt(nextChar++);
        boolean last = nextChar >= a.length();
        int pos = c == ':' ? -1 : optstring.indexOf(c);
        if (pos < 0) {
            optopt = c;
            if (last) advance();
            if (opterr) err.print(argv[0] + ": invalid option -- '" + c + "'\n");
            return '?';
        }
        boolean takesArg = pos + 1 < optstring.length() && optstring.charAt(pos + 1) == ':';
        boolean optional = takesArg && pos + 2 < optstring.length() && optstring.charAt(pos + 2) == ':';
        if (!takesArg) {
            if (last) advance();
            return c;
        }
        if (!last) {
            optarg = a.substring(nextChar);
            advance();
            return c;
        }
        advance();
        if (optional) return c;
        if (index >= argv.length) {
            optopt = c;
            if (opterr) err.print(argv[0] + ": option requires an argument -- '" + c + "'\n");
            return optstring.startsWith(":") ? ':' : '?';
        }
        optarg = argv[index];
        options.add(optarg);
        index++;
        return c;
    }

    private void advance() {
        nextChar = 0;
        index++;
    }

    private int longOption(String body) {
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        int found = -1;
        boolean ambiguous = false;
        for (int i = 0; i < longopts.length; i++) {
            if (longopts[i].name().equals(name)) {
                found = i;
                ambiguous = false;
                break;
            }
            if (longopts[i].name().startsWith(name)) {
                if (found < 0) {
                    found = i;
                } else {
                    LongOpt f = longopts[found], o = longopts[i];
                    if (f.hasArg() != o.hasArg() || f.val() != o.val()) ambiguous = true;
                }
            }
        }
        if (ambiguous) {
            optopt = 0;
            if (opterr) err.print(argv[0] + ": option '--" + name + "' is ambiguous\n");
            return '?';
        }
        if (found < 0) {
            optopt = 0;
            if (opterr) err.print(argv[0] + ": unrecognized option '--" + name + "'\n");
            return '?';
        }
        LongOpt o = longopts[found];
        longIndex = found;
        if (eq >= 0) {
            if (o.hasArg() == LongOpt.NO_ARGUMENT) {
                optopt = o.val();
                if (opterr) err.print(argv[0] + ": option '--" + o.name() + "' doesn't allow an argument\n");
                return '?';
            }
            optarg = body.substring(eq + 1);
        } else if (o.hasArg() == LongOpt.REQUIRED_ARGUMENT) {
            if (index >= argv.length) {
                optopt = o.val();
                if (opterr) err.print(argv[0] + ": option '--" + o.name() + "' requires an argument\n");
                return optstring.startsWith(":") ? ':' : '?';
            }
            optarg = argv[index];
            options.add(optarg);
            index++;
        }
        return o.val();
    }

    private int finish() {
        if (!done) {
            done = true;
            if (!permute) while (index < argv.length) operands.add(argv[index++]);
        }
        return -1;
    }

    /** optind after the last next() returned -1: where the operands start in {@link #argv()}. */
    public int optind() {
        return 1 + options.size();
    }

    /** argv as glibc leaves it: argv[0], the options (and "--"), then the operands. */
    public String[] argv() {
        List<String> all = new ArrayList<>(argv.length);
        all.add(argv[0]);
        all.addAll(options);
        all.addAll(operands);
        return all.toArray(new String[0]);
    }

    /** The operands (non-option arguments) in their original order. */
    public String[] remaining() {
        return operands.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return "Getopt" + Arrays.toString(argv);
    }
}
