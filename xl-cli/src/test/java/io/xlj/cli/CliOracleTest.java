package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI framework against the real xl 4.17: help (whole table and every
 * command, by full name and by prefix), global options, unknown, ambiguous
 * and -N-refused commands, and xl's per-command option handling
 * (SWITCH_FOREACH_OPT) on commands whose errors are printed before xl needs
 * a hypervisor.  stdout, stderr and exit code must be identical.
 */
class CliOracleTest {

    /**
     * Stand-ins that declare the same options as xl's list and domid, so the
     * framework's option errors and help can be compared; their bodies are
     * never reached in these cases.
     */
    private static final Map<String, XlCommand> OPTION_DOUBLES = Map.of(
            "list", (ctx, args) -> {
                CommandOptions o = ctx.options(args, "lvhZcn", new Getopt.LongOpt[] {
                    new Getopt.LongOpt("long", 0, 'l'), new Getopt.LongOpt("verbose", 0, 'v'),
                    new Getopt.LongOpt("context", 0, 'Z'), new Getopt.LongOpt("cpupool", 0, 'c'),
                    new Getopt.LongOpt("numa", 0, 'n'), CommandOptions.HELP}, "list", 0);
                while (o.next() != -1) { }
                throw new AssertionError("not reached in these tests");
            },
            "domid", (ctx, args) -> {
                CommandOptions o = ctx.options(args, "", null, "domid", 1);
                while (o.next() != -1) { }
                throw new AssertionError("not reached in these tests");
            });

    static Stream<List<String>> framework() {
        List<List<String>> c = new ArrayList<>();
        c.add(List.of());
        c.add(List.of("help"));
        c.add(List.of("help", "help"));
        c.add(List.of("help", "nonexistent"));
        c.add(List.of("help", "c"));
        c.add(List.of("help", "cpupool-c"));
        c.add(List.of("-v", "help", "li"));
        c.add(List.of("-N", "help"));
        c.add(List.of("-vvNftT", "help", "vcpu-p"));
        c.add(List.of("-x"));
        c.add(List.of("-vx", "list"));
        c.add(List.of("-N", "list"));
        c.add(List.of("-N", "li"));
        c.add(List.of("-N", "destroy", "0"));
        c.add(List.of("-N", "nonexistent"));
        c.add(List.of("nonexistent"));
        c.add(List.of("h"));
        c.add(List.of("c"));
        c.add(List.of("cpupool-c"));
        c.add(List.of("--", "help"));
        c.add(List.of("-", "help"));
        c.add(List.of("--help"));
        c.add(List.of("help", "--", "list"));
        c.add(List.of("list", "-x"));
        c.add(List.of("li", "-lvx"));
        c.add(List.of("list", "--bogus"));
        c.add(List.of("list", "--c"));
        c.add(List.of("list", "--context=1"));
        c.add(List.of("list", "-vZ", "--numa", "-q"));
        c.add(List.of("-N", "--x"));
        c.add(List.of("list", "--long=1"));
        c.add(List.of("list", "-h"));
        c.add(List.of("list", "--help"));
        c.add(List.of("list", "--he"));
        c.add(List.of("list", "--help=x"));
        c.add(List.of("domid"));
        c.add(List.of("domid", "-h"));
        c.add(List.of("domid", "-q"));
        c.add(List.of("domi", "--"));
        return c.stream();
    }

    @ParameterizedTest(name = "xl {0}")
    @MethodSource("framework")
    void sameAsXl(List<String> args) {
        String[] a = args.toArray(new String[0]);
        assertThat(OracleXl.ours(OPTION_DOUBLES, a)).isEqualTo(OracleXl.real(a));
    }

    static Stream<String> commands() {
        return CommandTable.xl().specs().stream().map(CommandSpec::name);
    }

    @ParameterizedTest(name = "xl help {0}")
    @MethodSource("commands")
    void helpForEveryCommandByNameAndPrefix(String name) {
        assertThat(OracleXl.ours(Map.of(), "help", name)).isEqualTo(OracleXl.real("help", name));
        String prefix = name.substring(0, Math.max(1, name.length() - 2));
        assertThat(OracleXl.ours(Map.of(), "help", prefix)).isEqualTo(OracleXl.real("help", prefix));
    }

    @Test
    void everyCommandOfTheRealXlIsInTheTable() {
        String listing = OracleXl.real("help").out();
        for (String line : listing.split("\n")) {
            if (line.matches(" \\S.*")) {
                String name = line.substring(1).split(" ")[0];
                assertThat(CommandTable.xl().lookup(name)).as(name).isNotNull();
                assertThat(CommandTable.xl().lookup(name).name()).isEqualTo(name);
            }
        }
    }
}
