package io.xlj.config.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.XlConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One config file as both sides read it: the real xl 4.17's {@code -N create} run on it,
 * and our {@link XlConfig} holding its settings, ready for a spec parser to be driven the
 * way xl's parse_config_data drives it.
 */
record OracleConfig(Path file, OracleXl.Run xl, XlConfig cfg) {

    /** Writes {@code text} to a fresh file in {@code dir} and reads it with xl and with ours. */
    static OracleConfig of(Path dir, String stem, String text) throws IOException {
        Path f = dir.resolve(stem + Integer.toHexString(text.hashCode()) + ".cfg");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        OracleXl.Run xl = OracleXl.run(List.of("-N", "create", f.toString()));
        XlConfig cfg = new XlConfig(f.toString(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.ISO_8859_1));
        assertThat(cfg.readData(text)).as("our parser reads %s", f).isZero();
        return new OracleConfig(f, xl, cfg);
    }

    /** What xl prints before any option's message. */
    StringBuilder messages() {
        return new StringBuilder("Parsing config from " + file + "\n");
    }
}
