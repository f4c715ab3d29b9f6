package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle commands (pause, unpause, shutdown, reboot, rename, uptime, dmesg, list -l, mem-max, mem-set, vcpu-list,
 * vcpu-set, sched-credit, sched-credit2, console, dump-core, cd-insert, cd-eject)
 * against the real xl 4.17 (oracle/xl) where xl answers before it needs a hypervisor:
 * missing operands, unknown options, help, "You must specify -a or a domain id.". The real
 * commands, registered in {@link Commands}, run in-process; stdout, stderr and exit code
 * must be identical.
 */
class LifecycleArgsOracleTest {

    static Stream<List<String>> cases() {
        List<List<String>> c = new ArrayList<>();
        for (String cmd : List.of("pause", "unpause", "rename", "shutdown", "reboot", "uptime", "dmesg")) {
            c.add(List.of(cmd, "-x"));
            c.add(List.of(cmd, "-h"));
            c.add(List.of(cmd, "--help"));
        }
        c.add(List.of("pause"));
        c.add(List.of("unpause"));
        c.add(List.of("rename"));
        c.add(List.of("rename", "dom"));
        c.add(List.of("shutdown"));
        c.add(List.of("reboot"));
        c.add(List.of("shutdown", "-w"));
        c.add(List.of("reboot", "-wF"));
        c.add(List.of("shutdown", "--wait", "-F"));
        c.add(List.of("shutdown", "--all=x"));
        c.add(List.of("shutdown", "--wai"));
        c.add(List.of("dmesg", "--clear=1"));
        c.add(List.of("uptime", "-sx"));
        c.add(List.of("list", "-lx"));
        c.add(List.of("-N", "shutdown", "-a"));
        c.add(List.of("-N", "pause", "0"));
        for (String cmd : List.of("mem-max", "mem-set", "vcpu-list", "vcpu-set", "sched-credit", "sched-credit2",
                "console", "info")) {
            c.add(List.of(cmd, "-x"));
            c.add(List.of(cmd, "-h"));
        }
        c.add(List.of("mem-max"));
        c.add(List.of("mem-set", "dom"));
        c.add(List.of("vcpu-set"));
        c.add(List.of("vcpu-set", "-i", "dom"));
        c.add(List.of("sched-credit2", "-w", "5"));
        c.add(List.of("sched-credit2", "-p", "Pool-0", "-d", "dom"));
        c.add(List.of("sched-credit", "-c", "5"));
        c.add(List.of("sched-credit", "-t", "5"));
        c.add(List.of("sched-credit", "-s", "-d", "dom"));
        c.add(List.of("sched-credit", "--cpupool=Pool-0", "--weight=5"));
        c.add(List.of("console"));
        c.add(List.of("console", "-t", "foo", "dom"));
        c.add(List.of("console", "-t"));
        c.add(List.of("dump-core", "-x"));
        c.add(List.of("dump-core", "-h"));
        c.add(List.of("dump-core"));
        c.add(List.of("dump-core", "dom"));
        for (String cmd : List.of("cd-insert", "cd-eject")) {
            c.add(List.of(cmd, "-x"));
            c.add(List.of(cmd, "-h"));
            c.add(List.of(cmd));
            c.add(List.of(cmd, "dom"));
        }
        c.add(List.of("cd-insert", "dom", "hdc"));
        return c.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void answersLikeXl(List<String> args) {
        String[] argv = args.toArray(new String[0]);
        OracleXl.Run real = OracleXl.real(argv);
        OracleXl.Run ours = OracleXl.ours(Commands.IMPLEMENTED, argv);
        assertThat(ours.err()).as("stderr").isEqualTo(real.err());
        assertThat(ours.out()).as("stdout").isEqualTo(real.out());
        assertThat(ours.rc()).as("exit code").isEqualTo(real.rc());
    }
}
