package io.xlj.cli;

import io.xlj.libxl.LibxlError;
import io.xlj.libxl.Toolstack;
import io.xlj.xen.DomainInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code xl uptime [-s] [Domain...]} (xl_info.c main_uptime / print_uptime). */
final class UptimeCommand implements XlCommand {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @Override
    public int run(XlContext ctx, String[] args) {
        boolean shortMode = false;
        CommandOptions o = ctx.options(args, "s", null, "uptime", 0);
        for (int opt; (opt = o.next()) != -1; ) {
            if (opt == 's') {
                shortMode = true;
            }
        }
        try (Toolstack ts = XenHost.open(ctx)) {
            List<Integer> doms = new ArrayList<>();
            for (String dom : o.remaining()) {
                doms.add(XenHost.findDomain(ctx, ts, dom));
            }
            long now = Instant.now().getEpochSecond();
            StringBuilder out = new StringBuilder();
            if (!shortMode) {
                out.append(String.format(Locale.ROOT, "%-33s %4s %s\n", "Name", "ID", "Uptime"));
            }
            if (doms.isEmpty()) {
                dom0(ctx, ts, shortMode, now, out);
                for (DomainInfo i : ts.xenCtrl().listDomains()) {
                    if (i.domid() != 0) {
                        domU(ctx, ts, i.domid(), shortMode, now, out);
                    }
                }
            } else {
                for (int d : doms) {
                    if (d == 0) {
                        dom0(ctx, ts, shortMode, now, out);
                    } else {
                        domU(ctx, ts, d, shortMode, now, out);
                    }
                }
            }
            ctx.out().print(out);
        }
        return 0;
    }

    private static void dom0(XlContext ctx, Toolstack ts, boolean shortMode, long now, StringBuilder out) {
        long uptime;
        try {
            String text = Files.readString(Path.of("/proc/uptime"));
            uptime = leadingNumber(text) & 0xFFFF_FFFFL;
        } catch (IOException e) {
            ctx.out().print(out);
            ctx.err().print("Can not get Dom0 uptime.\n");
            throw new XlExit(255);
        }
        line(ts.name(0).orElse("(null)"), 0, uptime, shortMode, now, out);
    }

    private static void domU(XlContext ctx, Toolstack ts, int domid, boolean shortMode, long now, StringBuilder out) {
        long start;
        try {
            start = ts.startTime(domid);
        } catch (LibxlError e) {
            // libxl logs as it fails, before xl prints anything more
            ctx.out().print(out);
            out.setLength(0);
            ctx.out().flush();
            LibxlErrors.print(ctx, e);
            return;
        }
        long uptime = (now - start) & 0xFFFF_FFFFL;
        line(ts.name(domid).orElse("(null)"), domid, uptime, shortMode, now, out);
    }

    private static void line(String name, int domid, long uptime, boolean shortMode, long now, StringBuilder out) {
        if (shortMode) {
            String clock = LocalTime.ofInstant(Instant.ofEpochSecond(now), ZoneId.systemDefault()).format(CLOCK);
            out.append(' ').append(clock).append(" up ").append(toString(uptime, true)).append(", ").append(name)
                    .append(" (").append(domid).append(")\n");
        } else {
            out.append(String.format(Locale.ROOT, "%-33s %4d %s\n", name, domid, toString(uptime, false)));
        }
    }

    /** uptime_to_string. */
    static String toString(long uptime, boolean shortMode) {
        int day = (int) (uptime / 86400);
        uptime -= day * 86400L;
        int hour = (int) (uptime / 3600);
        uptime -= hour * 3600L;
        int min = (int) (uptime / 60);
        uptime -= min * 60L;
        int sec = (int) uptime;
        String days = day > 1 ? day + " days, " : day == 1 ? day + " day, " : "";
        if (shortMode) {
            return days + String.format(Locale.ROOT, "%2d:%02d", hour, min);
        }
        return days + String.format(Locale.ROOT, "%2d:%02d:%02d", hour, min, sec);
    }

    /** strtoul of the text before the first space of /proc/uptime ("123.45 678.9"). */
    static long leadingNumber(String s) {
        long v = 0;
        for (int i = 0; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
