package io.xlj.config;

import io.xlj.config.json.YajlWriter;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of xl.cfg parsing, in configs per second, on a realistic HVM
 * guest config (src/jmh/bench.cfg: comments, lists of specs, +=).  The same
 * file goes through Debian's libxlutil in src/test/c/cfgbench.c, run right
 * after by the same command, for the Java/C ratio.  {@code parse}: text to
 * settings; {@code parseAndGet}: plus the getters xl_parse.c typically calls;
 * {@code parseAndJson}: plus every setting written as yajl-style JSON.
 *
 *   mvn -B -ntp -pl config-parser -am -Pbench -DskipTests verify
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    /** A realistic HVM guest (src/jmh/bench.cfg; the exec plugin runs in the module directory). */
    static final byte[] CONFIG = read();

    private static byte[] read() {
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/jmh/bench.cfg"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream(), false,
            StandardCharsets.ISO_8859_1);

    @Benchmark
    public XlConfig parse() {
        XlConfig cfg = new XlConfig("bench.cfg", SINK);
        if (cfg.readData(CONFIG) != 0) throw new IllegalStateException("benchmark config does not parse");
        return cfg;
    }

    @Benchmark
    public long parseAndGet() {
        XlConfig cfg = parse();
        long sum = cfg.getLong("memory", false).orElse(0L) + cfg.getLong("maxmem", false).orElse(0L)
                + cfg.getLong("vcpus", false).orElse(0L) + cfg.getLong("maxvcpus", false).orElse(0L);
        sum += cfg.getString("name", false).orElse("").length() + cfg.getString("type", false).orElse("").length();
        sum += cfg.getListAsStringList("disk", false).orElse(java.util.List.of()).size();
        sum += cfg.getListAsStringList("vif", false).orElse(java.util.List.of()).size();
        sum += cfg.getDefbool("vnc", false).orElse(false) ? 1 : 0;
        for (String absent : new String[] {"kernel", "ramdisk", "bootloader", "pvh", "hap", "acpi", "apic"}) {
            sum += cfg.getString(absent, true).error();
        }
        return sum;
    }

    @Benchmark
    public String parseAndJson() {
        XlConfig cfg = parse();
        YajlWriter w = new YajlWriter().beginObject();
        for (Setting s : cfg.settings()) {
            w.key(s.name());
            json(w, s.value());
        }
        return w.endObject().toString();
    }

    private static void json(YajlWriter w, ConfigValue v) {
        if (v instanceof ConfigValue.StringValue s) {
            w.value(s.text());
        } else if (v instanceof ConfigValue.ListValue l) {
            w.beginArray();
            for (ConfigValue item : l.items()) json(w, item);
            w.endArray();
        }
    }
}
