package io.xlj.xen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Xen's own {@code xl}, the oracle the dom0 suite compares every answer with. */
final class Xl {

    /** The real binary: /usr/sbin/xl is a wrapper that refuses to run without sysfs info. */
    static final String XL = "/usr/lib/xen-4.17/bin/xl";

    private Xl() {
    }

    static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(XL);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    /** {@code xl info} as key → value. */
    static Map<String, String> info() throws IOException, InterruptedException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : run("info").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                // "key<padding>: value" — keep the value verbatim: Xen's capabilities string
                // ends with a space, and xl prints it as it is.
                String value = line.substring(colon + 1);
                m.put(line.substring(0, colon).trim(), value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        return m;
    }

    /** The whitespace-separated columns of the {@code xl list -v} row of one domain, or null. */
    static String[] listRow(int domid) throws IOException, InterruptedException {
        for (String line : run("list", "-v").split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length > 5 && w[1].equals(Integer.toString(domid))) {
                return w;
            }
        }
        return null;
    }
}
