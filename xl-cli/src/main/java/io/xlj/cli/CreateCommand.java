package io.xlj.cli;

import io.xlj.config.Errno;
import io.xlj.config.GlobalConfig;
import io.xlj.config.model.DomainConfig;
import io.xlj.config.xlparse.HostInfo;
import io.xlj.config.xlparse.XlParse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code xl create [options] FILE [KEY=VALUE…]}: xl 4.17's main_create and the part of
 * create_domain that reads, parses and (for {@code -N}, {@code -n} or {@code -d}) prints
 * the domain configuration; without them the domain is built by {@link RealCreate}.
 */
final class CreateCommand implements XlCommand {

    private static final int ERROR_FAIL = 3;
    private static final int ERROR_INVAL = 6;

    private static final Getopt.LongOpt[] LONGOPTS = {
        new Getopt.LongOpt("defconfig", Getopt.LongOpt.REQUIRED_ARGUMENT, 'f'),
        new Getopt.LongOpt("dryrun", Getopt.LongOpt.NO_ARGUMENT, 'n'),
        new Getopt.LongOpt("ignore-global-affinity-masks", Getopt.LongOpt.NO_ARGUMENT, 'i'),
        new Getopt.LongOpt("quiet", Getopt.LongOpt.NO_ARGUMENT, 'q'),
        new Getopt.LongOpt("vncviewer", Getopt.LongOpt.NO_ARGUMENT, 'V'),
        new Getopt.LongOpt("vncviewer-autopass", Getopt.LongOpt.NO_ARGUMENT, 'A'),
        CommandOptions.HELP,
    };

    @Override
    public int run(XlContext ctx, String[] args) {
        String configFile = null;
        String[] argv = args;
        // main_create takes a leading FILE before option parsing.
        if (args.length > 1 && !args[1].startsWith("-") && args[1].indexOf('=') < 0) {
            configFile = args[1];
            argv = new String[args.length - 1];
            argv[0] = args[0];
            System.arraycopy(args, 2, argv, 1, args.length - 2);
        }
        boolean debug = false;
        boolean quiet = false;
        boolean ignoreMasks = false;
        boolean dryRun = ctx.dryRun();
        boolean paused = false;
        boolean console = false;
        boolean monitored = true;
        boolean foreground = false;
        CommandOptions o = ctx.options(argv, "AFVcdef:inpq", LONGOPTS, "create", 0);
        for (int opt; (opt = o.next()) != -1; ) {
            switch (opt) {
                case 'c' -> console = true;
                case 'd' -> debug = true;
                case 'e' -> monitored = false;
                case 'F' -> foreground = true;
                case 'f' -> configFile = o.optarg();
                case 'i' -> ignoreMasks = true;
                case 'n' -> dryRun = true;
                case 'p' -> paused = true;
                case 'q' -> quiet = true;
                default -> { }
            }
        }
        StringBuilder extra = new StringBuilder();
        for (String arg : o.remaining()) {
            if (arg.indexOf('=') >= 0) {
                extra.append(arg).append('\n');
            } else if (configFile == null) {
                configFile = arg;
            } else {
                ctx.help("create");
                return 2;
            }
        }

        if (configFile == null) {
            ctx.err().print("Config file not specified and none in save file\n");
            return ERROR_INVAL;
        }
        String data;
        if (configFile.equals("/dev/null")) {
            data = "";
        } else {
            data = readConfig(ctx, configFile);
            if (data == null) {
                return ERROR_FAIL;
            }
        }
        if (extra.length() > 0) {
            data = data + "\n" + extra + "\n";
        }
        if (!quiet) {
            ctx.err().print("Parsing config from " + configFile + "\n");
        }
        DomainConfig config;
        try {
            config = new XlParse(ctx.global(), HostInfo.current(), ctx.err()).parse(configFile, data, !ignoreMasks);
        } catch (io.xlj.config.xlparse.XlExit e) {
            throw new XlExit(e.status());
        }
        if (debug || dryRun) {
            if (ctx.global().outputFormat() == GlobalConfig.OutputFormat.SXP) {
                ctx.err().print("xlj: output_format=\"sxp\" is not implemented yet\n");
                return 1;
            }
            // xl -d without a dry run shows the config on stderr and goes on to create.
            java.io.PrintStream fh = debug && !dryRun ? ctx.err() : ctx.out();
            fh.print(config.toJson());
            fh.flush();
        }
        if (dryRun) {
            return 0;
        }
        // As in xl, -e wins over -F (both keep xl from daemonizing; -e also drops the monitor).
        RealCreate.Monitoring monitoring = !monitored ? RealCreate.Monitoring.NONE
                : foreground ? RealCreate.Monitoring.FOREGROUND : RealCreate.Monitoring.BACKGROUND;
        return RealCreate.create(ctx, config, data, paused, console, monitoring);
    }

    /** libxl_read_file_contents with xl's message; null after the message. */
    private static String readConfig(XlContext ctx, String file) {
        Path p = ctx.path(file);
        try {
            if (Files.exists(p) && !Files.isRegularFile(p)) {
                ctx.err().print("libxl: error: libxl_utils.c:346:libxl_read_file_contents: " + file
                        + " is not a plain file: Inappropriate ioctl for device\n");
                ctx.err().print("Failed to read config file: " + file + ": Inappropriate ioctl for device\n");
                return null;
            }
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            int errno = e instanceof NoSuchFileException ? Errno.ENOENT
                    : e instanceof AccessDeniedException ? Errno.EACCES : Errno.EIO;
            ctx.err().print("Failed to read config file: " + file + ": " + Errno.strerror(errno) + "\n");
            return null;
        }
    }
}
