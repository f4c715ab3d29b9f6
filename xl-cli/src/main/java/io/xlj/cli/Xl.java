package io.xlj.cli;

import io.xlj.config.Errno;
import io.xlj.config.GlobalConfig;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code xl} command: xl 4.17's main() (global options {@code -v -N -f -t -T},
 * /etc/xen/xl.conf, command lookup by unique prefix, help) in front of the
 * commands registered in {@link Commands}.  Output is ISO-8859-1 so every
 * byte of input survives; no Java stack trace ever reaches the user.
 */
public final class Xl {

    /** System property naming the program for glibc-style messages (bin/xl passes its $0). */
    public static final String ARGV0_PROPERTY = "xlj.argv0";
    /** System property overriding /etc/xen/xl.conf (tests only). */
    public static final String GLOBAL_CONFIG_PROPERTY = "xlj.globalConfig";

    private Xl() {}

    public static void main(String[] args) {
        // Like C stdio: stdout line-buffered on a terminal, fully buffered
        // otherwise; stderr unbuffered.
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                stdoutIsTerminal(), StandardCharsets.ISO_8859_1);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.ISO_8859_1);
        int rc = run(XlInvocation.local(stdoutIsTerminal()), RawArgs.of(args), out, err, Commands.IMPLEMENTED);
        out.flush();
        err.flush();
        System.exit(rc);
    }

    private static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Runs xl with {@code args} (without the program name); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Commands.IMPLEMENTED);
    }

    /** run() for another caller than this JVM: xljd serving the thin client. */
    public static int run(XlInvocation caller, String[] args, PrintStream out, PrintStream err) {
        return run(caller, args, out, err, Commands.IMPLEMENTED);
    }

    /** run() with another set of implemented commands (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, XlCommand> commands) {
        return run(XlInvocation.local(false), args, out, err, commands);
    }

    private static int run(XlInvocation caller, String[] args, PrintStream out, PrintStream err,
                           Map<String, XlCommand> commands) {
        try {
            return dispatch(caller, args, out, err, commands);
        } catch (XlExit e) {
            return e.code();
        } catch (RuntimeException | Error e) {
            out.flush();
            err.print("xl: internal error: " + e + "\n");
            if (caller.env().containsKey("XLJ_STACKTRACE")) e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(XlInvocation caller, String[] args, PrintStream out, PrintStream err,
                                Map<String, XlCommand> commands) {
        String argv0 = caller.argv0();
        String[] argv = new String[args.length + 1];
        argv[0] = argv0;
        System.arraycopy(args, 0, argv, 1, args.length);

        int verbose = 0;
        boolean dryRun = false, force = false, progressCr = false, timestamps = false;
        Getopt g = new Getopt(argv, "+vftTN").printErrors(err);
        for (int opt; (opt = g.next()) != -1; ) {
            switch (opt) {
                case 'v' -> verbose++;
                case 'N' -> dryRun = true;
                case 'f' -> force = true;
                case 't' -> progressCr = true;
                case 'T' -> timestamps = true;
                default -> {
                    err.print("unknown global option\n");
                    return 1;
                }
            }
        }
        String[] rest = g.remaining();
        CommandTable table = CommandTable.xl();
        if (rest.length == 0) {
            Help.print(out, table, null);
            return 1;
        }
        String cmd = rest[0];

        GlobalConfig global;
        try {
            global = GlobalConfig.parse(GlobalConfig.PATH, readGlobalConfig(err), err);
        } catch (GlobalConfig.Fatal f) {
            return 1;
        }
        XlContext ctx = new XlContext(caller, out, err, verbose, dryRun, force, progressCr, timestamps,
                global, table);

        CommandSpec spec = table.lookup(cmd);
        if (spec != null) {
            if (dryRun && !spec.canDryrun()) {
                err.print("command does not implement -N (dryrun) option\n");
                return 1;
            }
            XlCommand impl = commands.get(spec.name());
            if (impl == null) {
                err.print("xlj: command `" + spec.name() + "' is not implemented yet\n");
                return 1;
            }
            return impl.run(ctx, rest);
        }
        if (cmd.equals("help")) {
            ctx.help(rest.length > 1 ? rest[1] : null);
            return 0;
        }
        err.print("command not implemented\n");
        return 1;
    }

    /** libxl_read_file_contents(XL_GLOBAL_CONFIG): an unreadable file is reported and treated as empty. */
    private static byte[] readGlobalConfig(PrintStream err) {
        Path p = Path.of(System.getProperty(GLOBAL_CONFIG_PROPERTY, GlobalConfig.PATH));
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            int errno = e instanceof NoSuchFileException ? Errno.ENOENT
                    : e instanceof AccessDeniedException ? Errno.EACCES
                    : Files.isDirectory(p) ? Errno.EISDIR : Errno.EIO;
            err.print("Failed to read config file: " + GlobalConfig.PATH + ": " + Errno.strerror(errno) + "\n");
            return new byte[0];
        }
    }
}
