package io.xlj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * xljd logs in journald's format only when its standard output really is the stream
 * systemd named: coreutils' stat tells what "DEVICE:INODE" the test's own stdout has.
 */
class XljdJournalStreamTest {

    /** "DEVICE:INODE" of a path (links followed), as systemd writes JOURNAL_STREAM; coreutils' stat says. */
    static String statOf(String path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-L", "-c", "%d:%i", path).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void theStreamOfOurOwnStdoutIsTheJournal() throws Exception {
        String mine = statOf("/proc/" + ProcessHandle.current().pid() + "/fd/1");
        assertThat(Xljd.stdoutIsTheJournal(mine)).isTrue();
    }

    @Test
    void anInheritedStreamThatIsNotOurStdoutIsNot() throws Exception {
        // bin/xl starts xljd with its output on /dev/null but JOURNAL_STREAM still set.
        assertThat(Xljd.stdoutIsTheJournal(statOf("/dev/null"))).isFalse();
        assertThat(Xljd.stdoutIsTheJournal(null)).isFalse();
        assertThat(Xljd.stdoutIsTheJournal("")).isFalse();
        assertThat(Xljd.stdoutIsTheJournal("8:garbage")).isFalse();
    }
}
