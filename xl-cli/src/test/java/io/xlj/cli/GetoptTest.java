package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * glibc getopt_long behaviour the CLI relies on.  The expected values are
 * glibc's documented semantics (getopt(3)): permutation, clusters, "--",
 * optional/required arguments, long option prefixes.
 */
class GetoptTest {

    private static List<String> all(Getopt g) {
        List<String> seen = new ArrayList<>();
        for (int c; (c = g.next()) != -1; ) {
            seen.add((char) c + (g.optarg() != null ? "=" + g.optarg() : "") + (c == '?' ? "(" + g.optopt() + ")" : ""));
        }
        return seen;
    }

    @Test
    void permutesOperandsAfterOptions() {
        Getopt g = new Getopt(new String[] {"create", "f.cfg", "-q", "x=1", "-f", "def", "--", "-n"}, "hqf:");
        assertThat(all(g)).containsExactly("q", "f=def");
        assertThat(g.remaining()).containsExactly("f.cfg", "x=1", "-n");
        assertThat(g.argv()[g.optind()]).isEqualTo("f.cfg");
    }

    @Test
    void plusStopsAtFirstOperand() {
        Getopt g = new Getopt(new String[] {"xl", "-vN", "list", "-l"}, "+vftTN");
        assertThat(all(g)).containsExactly("v", "N");
        assertThat(g.remaining()).containsExactly("list", "-l");
    }

    @Test
    void clustersAttachedArgumentsAndErrors() {
        Getopt g = new Getopt(new String[] {"c", "-qfX", "-z", "-f"}, "qf:");
        assertThat(all(g)).containsExactly("q", "f=X", "?(122)", "?(102)");
    }

    @Test
    void longOptionsByUniquePrefix() {
        Getopt.LongOpt[] longs = {
            new Getopt.LongOpt("dryrun", 0, 'n'), new Getopt.LongOpt("defconfig", 1, 'f'),
            new Getopt.LongOpt("debug", 0, 'd'), CommandOptions.HELP};
        Getopt g = new Getopt(new String[] {"c", "--dry", "--defconfig=a", "--def", "b", "--de", "--x", "--dryrun=1"},
                "hnf:d", longs);
        assertThat(all(g)).containsExactly("n", "f=a", "f=b", "?(0)", "?(0)", "?(110)");
    }
}
