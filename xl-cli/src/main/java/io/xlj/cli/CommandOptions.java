package io.xlj.cli;

/**
 * xl's SWITCH_FOREACH_OPT / def_getopt for one command: the command's
 * options with {@code -h}/{@code --help} added, xl's messages
 * ("option `x' not supported.", exit 2; help and exit 0 for -h; "'xl CMD'
 * requires at least N arguments." and usage, exit 2).
 *
 * <pre>
 *   CommandOptions o = ctx.options(args, "qnd", LONGOPTS, "create", 1);
 *   for (int opt; (opt = o.next()) != -1; ) switch (opt) { case 'q' -&gt; ...; }
 *   String[] rest = o.remaining();
 * </pre>
 * When a command passes its own long options it must include
 * {@link #HELP} like xl's COMMON_LONG_OPTS.
 */
public final class CommandOptions {

    public static final Getopt.LongOpt HELP = new Getopt.LongOpt("help", Getopt.LongOpt.NO_ARGUMENT, 'h');

    private final XlContext ctx;
    private final Getopt getopt;
    private final String helpName;
    private final int requiredArgs;

    CommandOptions(XlContext ctx, String[] args, String opts, Getopt.LongOpt[] longopts,
                   String helpName, int requiredArgs) {
        this.ctx = ctx;
        // "+": xl's main() parses its global options with "+vftTN" and then
        // resets optind to 1, not 0, so glibc never re-initialises and keeps
        // REQUIRE_ORDER: xl's commands do not permute (in `xl list dom -h`,
        // -h is an operand).
        this.getopt = new Getopt(args, "+h" + opts, longopts == null ? new Getopt.LongOpt[] {HELP} : longopts);
        this.helpName = helpName;
        this.requiredArgs = requiredArgs;
    }

    /** The next option, or -1 once options are done and enough operands remain. */
    public int next() {
        int opt;
        while ((opt = getopt.next()) == '?') {
            if (getopt.optopt() == 'h') {
                ctx.help(helpName);
                throw new XlExit(0);
            }
            ctx.err().print("option `" + (char) getopt.optopt() + "' not supported.\n");
            throw new XlExit(2);
        }
        if (opt == 'h') {
            ctx.help(helpName);
            throw new XlExit(0);
        }
        if (opt != -1) return opt;
        if (getopt.remaining().length <= requiredArgs - 1) {
            ctx.err().print("'xl " + helpName + "' requires at least " + requiredArgs + " argument"
                    + (requiredArgs > 1 ? "s" : "") + ".\n\n");
            ctx.help(helpName);
            throw new XlExit(2);
        }
        return -1;
    }

    public String optarg() {
        return getopt.optarg();
    }

    /** Index into the long options of the option last returned, or -1. */
    public int longIndex() {
        return getopt.longIndex();
    }

    /** argv[optind..]: the operands in order. */
    public String[] remaining() {
        return getopt.remaining();
    }
}
