package io.xlj.xen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the C layout probe (src/test/c/layout_probe.c, compiled by the test build against
 * the installed Xen headers) and parses what it prints.
 */
final class LayoutProbe {

    record CField(int offset, int size) {
    }

    final Map<String, Integer> sizes = new HashMap<>();
    final Map<String, Map<String, CField>> fields = new HashMap<>();
    final Map<String, Long> constants = new HashMap<>();
    final Map<Integer, String> errnos = new HashMap<>();

    private static LayoutProbe instance;

    static synchronized LayoutProbe get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = run();
        }
        return instance;
    }

    private static LayoutProbe run() throws IOException, InterruptedException {
        String path = System.getProperty("xlj.layoutProbe");
        if (path == null) {
            throw new IllegalStateException("system property xlj.layoutProbe is not set (run the tests through Maven)");
        }
        Path exe = Path.of(path);
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("layout probe " + exe + " was not built (exec-maven-plugin, gcc)");
        }
        Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("layout probe failed: " + out);
        }
        LayoutProbe probe = new LayoutProbe();
        for (String line : out.split("\n")) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "size" -> probe.sizes.put(w[1], Integer.parseInt(w[2]));
                case "field" -> probe.fields.computeIfAbsent(w[1], k -> new HashMap<>())
                        .put(w[2], new CField(Integer.parseInt(w[3]), Integer.parseInt(w[4])));
                case "const" -> probe.constants.put(w[1], Long.parseLong(w[2]));
                case "errno" -> probe.errnos.put(Integer.parseInt(w[1]), w[2]);
                case "" -> { }
                default -> throw new IllegalStateException("unexpected probe line: " + line);
            }
        }
        return probe;
    }
}
