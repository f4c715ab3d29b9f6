package io.xlj.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link WatchedReads} against Debian's real C xenstored: values come from memory while
 * unchanged, and every change another connection makes (a write, a transaction, the removal of
 * a parent, a node made again) shows after {@link WatchedReads#sync} and, without it, once its
 * event has arrived. xlj's name cache for {@code list} is this, over {@code /local/domain/N/name}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchedReadsTest {
    XenstoredDaemon daemon;
    XenstoreClient xs;
    XenstoreClient other;
    WatchedReads cache;
    String base;

    XenstoredDaemon.Kind kind() {
        return XenstoredDaemon.Kind.C;
    }

    @BeforeAll
    void startDaemon() {
        daemon = XenstoredDaemon.start(kind());
    }

    @AfterAll
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @BeforeEach
    void connect(TestInfo info) {
        xs = daemon.connect();
        other = daemon.connect();
        base = "/test/" + info.getTestMethod().orElseThrow().getName();
        other.mkdir("/test");
        other.rm(base);
        cache = new WatchedReads(xs, 128);
    }

    @AfterEach
    void disconnect() {
        cache.close();
        xs.close();
        other.close();
    }

    private String name(int domid) {
        return base + "/" + domid + "/name";
    }

    private List<String> names(int... domids) {
        return Arrays.stream(domids).mapToObj(this::name).toList();
    }

    @Test
    void unchangedValuesComeFromMemory() {
        other.write(name(1), "web");
        other.write(name(2), "db");
        assertThat(cache.read(names(1, 2, 3))).containsExactly("web", "db", null);
        // The watches' first events may invalidate what was read with them: a second read settles.
        assertThat(cache.read(names(1, 2, 3))).containsExactly("web", "db", null);
        daemon.signal("STOP"); // from here on a request to xenstored would hang
        try {
            assertThat(cache.read(names(1, 2, 3))).containsExactly("web", "db", null);
        } finally {
            daemon.signal("CONT");
        }
        assertThat(cache.watched()).isEqualTo(3);
    }

    @Test
    void everyKindOfChangeByAnotherConnectionShowsAfterSync() {
        other.write(name(1), "web");
        cache.read(names(1));
        cache.read(names(1));
        // A write, as libxl's rename does in a transaction.
        other.runInTransaction(tx -> {
            tx.write(name(1), "web2");
            tx.write(base + "/vm/name", "web2");
            return null;
        });
        cache.sync();
        assertThat(cache.read(names(1))).containsExactly("web2");
        // A plain write by C libxenstore (Debian's xenstore-write).
        assertThat(daemon.tool("xenstore-write", name(1), "web3").exit()).isZero();
        cache.sync();
        assertThat(cache.read(names(1))).containsExactly("web3");
        // The domain's directory removed, as a destroy does: the watched child goes with it.
        assertThat(daemon.tool("xenstore-rm", base + "/1").exit()).isZero();
        cache.sync();
        assertThat(cache.read(names(1))).containsExactly((String) null);
        // The domid used again by a new domain.
        other.write(name(1), "new");
        cache.sync();
        assertThat(cache.read(names(1))).containsExactly("new");
    }

    @Test
    void withoutSyncAChangeShowsOnceItsEventHasArrived() throws Exception {
        other.write(name(1), "a");
        cache.read(names(1));
        cache.read(names(1));
        other.write(name(1), "b");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"b".equals(cache.read(names(1)).get(0)) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(cache.read(names(1))).containsExactly("b");
    }

    /** Read-your-writes under load: each rename, once acknowledged and synced, is what a read sees. */
    @Test
    void aSyncAfterEachAcknowledgedRenameNeverLeavesTheOldName() throws Exception {
        int domains = 5;
        int[] ids = new int[domains];
        for (int d = 0; d < domains; d++) {
            ids[d] = d;
            other.write(name(d), "d" + d + "-0");
        }
        // Readers keep the cache busy (and storing values) while the renames go on.
        List<Thread> readers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        for (int t = 0; t < 2; t++) {
            Thread r = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        cache.read(names(ids));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            r.start();
            readers.add(r);
        }
        try {
            for (int round = 1; round <= 150; round++) {
                int d = round % domains;
                other.write(name(d), "d" + d + "-" + round);
                cache.sync();
                assertThat(cache.read(names(ids)).get(d)).as("round %d", round).isEqualTo("d" + d + "-" + round);
            }
        } finally {
            stop.set(true);
            for (Thread r : readers) {
                r.join();
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void nodesBeyondTheWatchLimitAreReadEachTime() {
        WatchedReads small = new WatchedReads(xs, 2);
        try {
            other.write(name(1), "a");
            other.write(name(2), "b");
            other.write(name(3), "c");
            assertThat(small.read(names(1, 2, 3))).containsExactly("a", "b", "c");
            assertThat(small.watched()).isEqualTo(2);
            other.write(name(3), "c2"); // unwatched: no sync needed, it is read every time
            assertThat(small.read(names(1, 2, 3))).containsExactly("a", "b", "c2");
        } finally {
            small.close();
        }
    }

    /** dom0 is exempt from the daemons' per-domain watch quotas (128 in C xenstored, 100 in oxenstored's config). */
    @Test
    void aDom0ConnectionHoldsMoreWatchesThanTheDomainQuota() {
        int[] ids = new int[300];
        for (int d = 0; d < ids.length; d++) {
            ids[d] = d;
        }
        WatchedReads many = new WatchedReads(xs, 1000);
        try {
            assertThat(many.read(names(ids))).hasSize(300).containsOnlyNulls();
            assertThat(many.watched()).isEqualTo(300);
        } finally {
            many.close();
        }
    }

    @Test
    void retainOnlyDropsTheWatchesOfGoneNodes() {
        other.write(name(1), "a");
        other.write(name(2), "b");
        cache.read(names(1, 2));
        assertThat(xs.watches()).hasSize(2);
        cache.retainOnly(names(2));
        assertThat(cache.watched()).isEqualTo(1);
        assertThat(xs.watches()).extracting(Watch::path).containsExactly(name(2));
        assertThat(cache.read(names(1, 2))).containsExactly("a", "b");
    }
}
