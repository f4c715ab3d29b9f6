package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failing command never shows the user a Java stack trace, and exit() codes pass through. */
class XlFailureTest {

    @Test
    void unexpectedExceptionIsOneLineNoStackTrace() {
        OracleXl.Run r = OracleXl.ours(Map.of("list", (ctx, args) -> {
            ctx.out().print("partial\n");
            throw new IllegalStateException("boom");
        }), "list");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("partial\n");
        assertThat(r.err()).startsWith("xl: internal error: ").contains("boom").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void exitFromDeepInsideKeepsCodeAndOutput() {
        OracleXl.Run r = OracleXl.ours(Map.of("list", (ctx, args) -> {
            ctx.out().print("before exit\n");
            throw new XlExit(3);
        }), "li");
        assertThat(r).isEqualTo(new OracleXl.Run("before exit\n", "", 3));
    }
}
