package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code xl create -F} on the host (no Xen): which builder calls it makes, and the refusals
 * that come before anything is built. Its lines and its life through a reboot are proven
 * against Xen's own xl in the lab (XljCreateOptionsTest).
 */
class CreateForegroundTest {

    private static final String CFG = "src/test/resources/create/xen/xlexample.pvlinux";

    /** A builder that records what create asked of it; domain 7 is "built". */
    private static final class Recording implements DomainBuilder {
        final List<String> calls = new ArrayList<>();

        @Override
        public int build(XlContext ctx, io.xlj.config.model.DomainConfig config, String text, boolean paused,
                         boolean monitored) {
            calls.add("build " + config.cInfo().name() + (monitored ? "" : " unmonitored"));
            return 7;
        }

        @Override
        public boolean follows() {
            return true;
        }

        @Override
        public int waitForDeath(XlContext ctx, int domid, String name) {
            calls.add("wait " + domid + " " + name);
            ctx.err().print("Done. Exiting now\n");
            return 0;
        }
    }

    private static OracleXl.Run run(DomainBuilder builder, String... args) {
        XlInvocation caller = new XlInvocation("xl", Path.of("").toAbsolutePath(), 4242, false, Map.of(),
                argv -> 0, builder);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Xl.run(caller, args, new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                new PrintStream(err, true, StandardCharsets.ISO_8859_1));
        return new OracleXl.Run(out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1), rc);
    }

    @Test
    void minusFWaitsForTheDomainTheBuilderBuilt() {
        Recording b = new Recording();
        OracleXl.Run r = run(b, "create", "-F", CFG, "name=\"fg\"");
        assertThat(r.rc()).isZero();
        assertThat(b.calls).containsExactly("build fg", "wait 7 fg");
        assertThat(r.err()).isEqualTo("Parsing config from " + CFG + "\nDone. Exiting now\n");
    }

    @Test
    void minusEWinsOverMinusFAsInXl() {
        Recording b = new Recording();
        assertThat(run(b, "create", "-F", "-e", CFG).rc()).isZero();
        assertThat(run(b, "create", "-eF", CFG).rc()).isZero();
        assertThat(b.calls).hasSize(2).allMatch(c -> c.endsWith(" unmonitored"));
    }

    @Test
    void minusFWithMinusCIsRefusedBeforeAnythingIsBuilt() {
        Recording b = new Recording();
        OracleXl.Run r = run(b, "create", "-F", "-c", CFG);
        assertThat(r.rc()).isEqualTo(3);
        assertThat(r.err()).endsWith("xlj: create -F with -c is not supported (the console would only start once"
                + " the domain has ended)\n");
        assertThat(b.calls).isEmpty();
    }

    /** A JVM of its own (no daemon, no Xen here): refused before it would open Xen. */
    @Test
    void minusFWithoutTheDaemonIsRefusedBeforeAnythingIsBuilt() {
        OracleXl.Run r = run(RealCreate.OWN_TOOLSTACK, "create", "-F", CFG);
        assertThat(r.rc()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("Parsing config from " + CFG + "\nxlj: create -F needs xljd, whose monitor"
                + " carries out the domain's on_poweroff/on_reboot/on_crash; this xl runs without the daemon\n");
    }
}
