package io.xlj.libxl.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two daemons cannot both monitor: the second is refused and told who holds the lock, until the holder dies. */
class MonitorLockTest {

    /** A child JVM: takes the lock given as args[0], says so, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        MonitorLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
    }

    @Test
    void aSecondDaemonIsRefusedUntilTheFirstDies(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("run/xljd.lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MonitorLockTest.class.getName(), lock.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("locked");
            assertThat(MonitorLock.holder(lock)).hasValue(holder.pid());
            assertThatThrownBy(() -> MonitorLock.acquire(lock)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another xljd (pid " + holder.pid() + ")");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // kill -9 leaves the file behind, but not the lock.
        try (MonitorLock mine = MonitorLock.acquire(lock)) {
            assertThat(MonitorLock.holder(lock)).hasValue(ProcessHandle.current().pid());
        }
    }
}
