package io.xlj.cli;

import io.xlj.config.GlobalConfig;

import java.io.PrintStream;

/**
 * What every command sees: ISO-8859-1 stdout/stderr, xl's global options
 * ({@code -v -N -f -t -T}), the parsed /etc/xen/xl.conf and the command table.
 */
public final class XlContext {

    private final XlInvocation caller;
    private final PrintStream out;
    private final PrintStream err;
    private final int verbose;
    private final boolean dryRun;
    private final boolean force;
    private final boolean progressCr;
    private final boolean timestamps;
    private final GlobalConfig global;
    private final CommandTable table;

    XlContext(XlInvocation caller, PrintStream out, PrintStream err, int verbose, boolean dryRun, boolean force,
              boolean progressCr, boolean timestamps, GlobalConfig global, CommandTable table) {
        this.caller = caller;
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.dryRun = dryRun;
        this.force = force;
        this.progressCr = progressCr;
        this.timestamps = timestamps;
        this.global = global;
        this.table = table;
    }

    /** The process that ran xl: its working directory, terminal, environment. */
    public XlInvocation caller() {
        return caller;
    }

    /** The file a command-line operand names, relative to the caller's working directory. */
    public java.nio.file.Path path(String isoName) {
        return caller.path(isoName);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** How xl was invoked (argv[0]), for messages that name the program. */
    public String argv0() {
        return caller.argv0();
    }

    /** Number of -v given (each lowers xl's minimum log level by one). */
    public int verbose() {
        return verbose;
    }

    /** Global -N: dry run. */
    public boolean dryRun() {
        return dryRun;
    }

    /** Global -f: force. */
    public boolean force() {
        return force;
    }

    /** Global -t: progress messages end in CR. */
    public boolean progressCr() {
        return progressCr;
    }

    /** Global -T: timestamps and pid in log messages. */
    public boolean timestamps() {
        return timestamps;
    }

    /** /etc/xen/xl.conf as xl parsed it. */
    public GlobalConfig global() {
        return global;
    }

    public CommandTable table() {
        return table;
    }

    /** xl's help(command) to stdout. */
    public void help(String command) {
        Help.print(out, table, command);
    }

    /** SWITCH_FOREACH_OPT(opt, opts, longopts, helpName, requiredArgs) over {@code args}. */
    public CommandOptions options(String[] args, String opts, Getopt.LongOpt[] longopts,
                                  String helpName, int requiredArgs) {
        return new CommandOptions(this, args, opts, longopts, helpName, requiredArgs);
    }
}
