package io.xlj.libxl.monitor;

import io.xlj.config.Lookup;
import io.xlj.config.XlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@code xl create -F} command line: Xen's xl then stays in the foreground as the
 * domain's monitor, its output on the terminal, so the log file that gives a daemonised
 * monitor away ({@link XlMonitors}) is not there. What names the domain is the command line
 * itself: the config file (relative to xl's working directory) and KEY=VALUE overrides,
 * read as xl's main_create reads them (a leading FILE, then getopt over {@code AFVcdef:inpq}).
 * {@code -e} means no monitor at all, whatever comes with it.
 */
final class ForegroundCreate {

    private ForegroundCreate() {
    }

    /**
     * @param argv xl's whole argv ({@code /proc/PID/cmdline})
     * @param cwd xl's working directory, for a relative config file
     * @return the name of the domain that command line creates and monitors in the foreground;
     *         empty when it is no {@code create -F}, or its config cannot be read or names none
     */
    static Optional<String> domainName(List<String> argv, Path cwd) {
        int i = 1;
        // xl's own options ("+vftTN") come before the command and take no argument.
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            i++;
        }
        if (i >= argv.size() || !argv.get(i).equals("create")) {
            return Optional.empty();
        }
        List<String> args = argv.subList(i + 1, argv.size());
        String config = null;
        boolean foreground = false;
        boolean unmonitored = false;
        List<String> overrides = new ArrayList<>();
        int j = 0;
        if (!args.isEmpty() && !args.get(0).startsWith("-") && args.get(0).indexOf('=') < 0) {
            config = args.get(j++);
        }
        boolean options = true;
        for (; j < args.size(); j++) {
            String a = args.get(j);
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--")) {
                if (a.startsWith("--defconfig=")) {
                    config = a.substring("--defconfig=".length());
                } else if (a.equals("--defconfig") && j + 1 < args.size()) {
                    config = args.get(++j);
                }
            } else if (options && a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    if (c == 'F') {
                        foreground = true;
                    } else if (c == 'e') {
                        unmonitored = true;
                    } else if (c == 'f') {
                        config = k + 1 < a.length() ? a.substring(k + 1) : j + 1 < args.size() ? args.get(++j) : null;
                        break;
                    }
                }
            } else if (a.indexOf('=') >= 0) {
                overrides.add(a);
            } else if (config == null) {
                config = a;
            }
        }
        if (!foreground || unmonitored || config == null) {
            return Optional.empty();
        }
        String text;
        try {
            text = config.equals("/dev/null") ? "" : Files.readString(cwd.resolve(config),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!overrides.isEmpty()) {
            text = text + "\n" + String.join("\n", overrides) + "\n";
        }
        XlConfig parsed = new XlConfig(config, null);
        if (parsed.readData(text) != 0) {
            return Optional.empty();
        }
        Lookup<String> name = parsed.getString("name", true);
        return name.ok() ? Optional.of(name.value()) : Optional.empty();
    }
}
