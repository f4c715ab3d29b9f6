package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged xl (after `package`): bin/xl at the repository root and the
 * distribution copied elsewhere (PREFIX/bin/xl + PREFIX/lib) behave like the
 * real xl, byte for byte, with nothing extra on stdout or stderr.
 */
class LauncherIT {

    private static final Path REPO_XL = OracleXl.MODULE.resolve("../bin/xl").normalize();
    private static final Path DIST = OracleXl.MODULE.resolve("target/xlj-dist");

    private static OracleXl.Run normalise(OracleXl.Run r, String argv0) {
        return new OracleXl.Run(r.out(), r.err().replace(argv0 + ":", "xl:"), r.rc());
    }

    @Test
    void repositoryLauncherMatchesXl() {
        for (List<String> args : List.<List<String>>of(List.of("help"), List.of("help", "cr"), List.of(), List.of("-z"),
                List.of("bogus"), List.of("-N", "li"),
                // Non-ASCII argument bytes must come back out unchanged (RawArgs).
                List.of("help", "x\u00e9\u00ff"), List.of("caf\u00e9"))) {
            List<String> cmd = Stream.concat(Stream.of(REPO_XL.toString()), args.stream()).toList();
            assertThat(normalise(OracleXl.process(cmd), REPO_XL.toString()))
                    .as("bin/xl %s", args).isEqualTo(OracleXl.real(args.toArray(new String[0])));
        }
    }

    @Test
    void relocatedDistributionWorks() throws IOException {
        Path prefix = OracleXl.MODULE.resolve("target/relocated");
        copyTree(DIST, prefix);
        Path xl = prefix.resolve("bin/xl");
        assertThat(normalise(OracleXl.process(List.of(xl.toString(), "help", "vcpu-pin")), xl.toString()))
                .isEqualTo(OracleXl.real("help", "vcpu-pin"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
