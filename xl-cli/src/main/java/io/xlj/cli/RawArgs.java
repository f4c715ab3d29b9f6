package io.xlj.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line bytes, kept byte for byte.  The JVM decodes argv with the
 * locale's charset and loses bytes it cannot map (and no Latin-1 locale is
 * installed on Debian by default), so xl's arguments are re-read from
 * /proc/self/cmdline as ISO-8859-1, like every other text in xlj.  File names
 * go back to bytes and then through the JVM's file-name charset ({@link #path}).
 */
public final class RawArgs {
    private RawArgs() {}

    private static final String MAIN_CLASS = Xl.class.getName();

    /** The arguments as raw bytes (ISO-8859-1 chars), or {@code jvmArgs} when /proc says otherwise. */
    static String[] of(String[] jvmArgs) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return jvmArgs;
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                parts.add(new String(cmdline, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        int first = parts.size() - jvmArgs.length;
        if (first < 1 || !parts.get(first - 1).equals(MAIN_CLASS)) return jvmArgs;
        return parts.subList(first, parts.size()).toArray(new String[0]);
    }

    /**
     * The file named by {@code isoName} (bytes as ISO-8859-1 chars): the bytes
     * are decoded with the JVM's file-name charset (sun.jnu.encoding, UTF-8
     * under bin/xl), so any name that is valid in that charset is found.
     */
    public static Path path(String isoName) {
        byte[] bytes = isoName.getBytes(StandardCharsets.ISO_8859_1);
        String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
        Charset cs;
        try {
            cs = Charset.forName(jnu);
        } catch (IllegalArgumentException e) {
            cs = StandardCharsets.UTF_8;
        }
        try {
            return Path.of(new String(bytes, cs));
        } catch (InvalidPathException e) {
            return Path.of(isoName.replace('\0', '?'));
        }
    }
}
