package io.xlj.xenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;

/**
 * The client against a real daemon; subclasses pick C xenstored or oxenstored, and the
 * same assertions must hold on both except where the daemons really differ (listed in
 * the reference: listing order, DIRECTORY_PART, unknown transaction ids, SET_TARGET).
 * Each test works below its own /test/&lt;name&gt; so tests do not see each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class XenstoreContractTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    XenstoredDaemon daemon;
    XenstoreClient xs;
    String base;

    abstract XenstoredDaemon.Kind kind();

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
        base = "/test/" + info.getTestMethod().orElseThrow().getName();
        xs.mkdir("/test");
        xs.rm(base);
    }

    @AfterEach
    void disconnect() {
        xs.close();
    }

    @Test
    void writeThenReadBothWaysWithDebianTools() {
        xs.write(base + "/ours", "written by java");
        assertThat(daemon.tool("xenstore-read", base + "/ours").trimmed()).isEqualTo("written by java");

        assertThat(daemon.tool("xenstore-write", base + "/theirs", "written by C").exit()).isZero();
        assertThat(xs.read(base + "/theirs")).isEqualTo("written by C");
        assertThat(xs.exists(base + "/theirs")).isTrue();
        assertThat(xs.readOptional(base + "/nothing")).isEmpty();
    }

    @Test
    void valuesAreBinarySafe() {
        byte[] value = {0, 1, 2, (byte) 0xff, 0, 'x'};
        xs.write(base + "/bin", value);
        assertThat(xs.readBytes(base + "/bin")).containsExactly(value);
        xs.write(base + "/empty", "");
        assertThat(xs.read(base + "/empty")).isEmpty();
        // Debian's tool prints the empty value too, so both agree the node exists.
        assertThat(daemon.tool("xenstore-exists", base + "/empty").exit()).isZero();
    }

    @Test
    void missingNodeGivesEnoentWithOperationAndPath() {
        XenstoreException e = catchThrowableOfType(() -> xs.read(base + "/missing"), XenstoreException.class);
        assertThat(e.errorName()).isEqualTo("ENOENT");
        assertThat(e.operation()).isEqualTo("READ");
        assertThat(e.path()).isEqualTo(base + "/missing");
        assertThat(e.getMessage()).contains("ENOENT", "READ", base + "/missing");
        // The C tool fails on the same node.
        assertThat(daemon.tool("xenstore-read", base + "/missing").exit()).isNotZero();
    }

    @Test
    void directoryListsWhatDebianListsAndRmIsRecursive() {
        xs.write(base + "/d/a", "1");
        xs.write(base + "/d/b/c", "2");
        xs.mkdir(base + "/d/e");
        List<String> ours = xs.directory(base + "/d");
        List<String> theirs = daemon.tool("xenstore-list", base + "/d").trimmed().lines().toList();
        assertThat(ours).containsExactlyElementsOf(theirs);
        assertThat(ours).containsExactlyInAnyOrder("a", "b", "e");
        assertThat(xs.directoryPart(base + "/d")).containsExactlyElementsOf(ours);
        assertThat(xs.read(base + "/d/b")).isEmpty(); // parents created with empty values

        xs.rm(base + "/d");
        assertThat(xs.exists(base + "/d")).isFalse();
        assertThat(daemon.tool("xenstore-exists", base + "/d/b/c").exit()).isNotZero();
        xs.rm(base + "/d"); // removing a missing node whose parent exists is fine
    }

    @Test
    void bigDirectoryIsListedInFull() {
        // 300 names of 20 characters: more than one 4096-byte reply can hold.
        Batch b = xs.batch();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String name = String.format("child-%014d", i);
            names.add(name);
            b.write(base + "/big/" + name, "x");
        }
        b.sendAndWait();
        assertThat(xs.directory(base + "/big")).containsExactlyInAnyOrderElementsOf(names);
        assertThat(xs.directoryPart(base + "/big")).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void permissionsRoundTripAndAgreeWithDebianTools() {
        xs.write(base + "/p", "v");
        xs.setPermissions(base + "/p", Permission.none(0), Permission.read(5), Permission.both(7));
        assertThat(xs.getPermissions(base + "/p"))
                .containsExactly(Permission.none(0), Permission.read(5), Permission.both(7));
        assertThat(daemon.tool("xenstore-ls", "-p", base).output()).contains("(n0,r5,b7)");

        assertThat(daemon.tool("xenstore-chmod", base + "/p", "b3", "w9").exit()).isZero();
        assertThat(xs.getPermissions(base + "/p")).containsExactly(Permission.both(3), Permission.write(9));
        assertThat(xs.getPermissions(base + "/p").get(1).access().canWrite()).isTrue();
    }

    @Test
    void badPermissionLetterIsRejectedLikeTheDaemonDoes() {
        assertThatThrownBy(() -> Permission.parse("x5")).isInstanceOf(IllegalArgumentException.class);
        xs.write(base + "/p", "v");
        assertThat(daemon.tool("xenstore-chmod", base + "/p", "x5").exit()).isNotZero();
    }

    @Test
    void relativePathsResolveAgainstDom0Home() {
        String rel = "xlj-test/" + base.substring(base.lastIndexOf('/') + 1);
        xs.write(rel + "/v", "home");
        assertThat(xs.read("/local/domain/0/" + rel + "/v")).isEqualTo("home");
        xs.rm("/local/domain/0/xlj-test");
    }

    @Test
    void domainPath() {
        assertThat(xs.getDomainPath(5)).isEqualTo("/local/domain/5");
        assertThat(xs.getDomainPath(0)).isEqualTo("/local/domain/0");
    }

    @Test
    void transactionIsIsolatedUntilCommit() {
        xs.write(base + "/x", "before");
        try (Transaction tx = xs.transaction()) {
            tx.write(base + "/x", "inside");
            assertThat(tx.read(base + "/x")).isEqualTo("inside");
            assertThat(xs.read(base + "/x")).isEqualTo("before");
            assertThat(daemon.tool("xenstore-read", base + "/x").trimmed()).isEqualTo("before");
            tx.commit();
        }
        assertThat(xs.read(base + "/x")).isEqualTo("inside");
    }

    @Test
    void closingAnUncommittedTransactionAbortsIt() {
        try (Transaction tx = xs.transaction()) {
            tx.write(base + "/y", "lost");
        }
        assertThat(xs.exists(base + "/y")).isFalse();
    }

    @Test
    void conflictingCommitGivesEagain() {
        xs.write(base + "/c", "0");
        Transaction tx = xs.transaction();
        assertThat(tx.read(base + "/c")).isEqualTo("0");
        tx.write(base + "/c", "from tx");
        // Another client changes the node the transaction read.
        assertThat(daemon.tool("xenstore-write", base + "/c", "from outside").exit()).isZero();
        XenstoreException e = catchThrowableOfType(tx::commit, XenstoreException.class);
        assertThat(e.errorName()).isEqualTo("EAGAIN");
        assertThat(e.isAgain()).isTrue();
        assertThat(xs.read(base + "/c")).isEqualTo("from outside");
    }

    @Test
    void runInTransactionRetriesRealConflictsUntilEveryIncrementLands() throws Exception {
        xs.write(base + "/counter", "0");
        int threads = 6;
        int increments = 25;
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        // Each worker has its own connection, as separate toolstack processes would.
        for (int t = 0; t < threads; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                try (XenstoreClient c = daemon.connect()) {
                    for (int i = 0; i < increments; i++) {
                        c.runInTransaction(tx -> {
                            int v = Integer.parseInt(tx.read(base + "/counter"));
                            tx.write(base + "/counter", Integer.toString(v + 1));
                            return null;
                        });
                    }
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        assertThat(daemon.tool("xenstore-read", base + "/counter").trimmed())
                .isEqualTo(Integer.toString(threads * increments));
    }

    @Test
    void batchInsideATransactionIsPartOfIt() {
        xs.write(base + "/tb/0", "old");
        try (Transaction tx = xs.transaction()) {
            Batch b = tx.batch();
            for (int i = 0; i < 20; i++) {
                b.write(base + "/tb/" + i, "new");
            }
            b.sendAndWait();
            assertThat(xs.read(base + "/tb/0")).isEqualTo("old");
            assertThat(daemon.tool("xenstore-exists", base + "/tb/19").exit()).isNotZero();
            tx.commit();
        }
        assertThat(daemon.tool("xenstore-read", base + "/tb/19").trimmed()).isEqualTo("new");
    }

    @Test
    void sameCodeRunsInsideAndOutsideTransactions() {
        writeDevice(xs, base + "/plain");
        xs.runInTransaction(tx -> {
            writeDevice(tx, base + "/tx");
            return null;
        });
        assertThat(xs.directory(base + "/tx")).containsExactlyInAnyOrderElementsOf(xs.directory(base + "/plain"));
        assertThat(xs.getPermissions(base + "/tx")).isEqualTo(xs.getPermissions(base + "/plain"));
    }

    @Test
    void pipelinedWritesLandAsUnpipelinedOnesDoAndReadsSeeThem() {
        writeDevice(xs, base + "/plain");
        xs.runInTransaction(tx -> {
            tx.pipelineWrites();
            tx.rm(base + "/not-there"); // no error in this mode, as libxl's callers expect
            writeDevice(tx, base + "/tx");
            // A read in between collects the replies first and sees the writes.
            assertThat(tx.read(base + "/tx/state")).isEqualTo("1");
            tx.write(base + "/tx/after-read", "x");
            return null;
        });
        assertThat(daemon.tool("xenstore-read", base + "/tx/after-read").trimmed()).isEqualTo("x");
        assertThat(xs.getPermissions(base + "/tx")).isEqualTo(xs.getPermissions(base + "/plain"));
        assertThat(xs.read(base + "/tx/backend-id")).isEqualTo("0");
    }

    @Test
    void aPipelinedWriteThatFailsFailsTheCommitAndNothingLands() {
        Transaction tx = xs.transaction().pipelineWrites();
        tx.write(base + "/p/a", "1");
        // xenstored refuses permissions on a node that does not exist (ENOENT), after the fact.
        tx.setPermissions(base + "/p/missing", List.of(Permission.none(0)));
        tx.write(base + "/p/b", "2");
        assertThatThrownBy(tx::commit).isInstanceOf(XenstoreException.class)
                .satisfies(e -> assertThat(((XenstoreException) e).isNoEntry()).isTrue());
        assertThat(xs.readOptional(base + "/p/a")).isEmpty();
        assertThat(xs.readOptional(base + "/p/b")).isEmpty();
        // The daemon forgot the transaction: the connection serves other requests.
        xs.write(base + "/p/after", "ok");
        assertThat(xs.read(base + "/p/after")).isEqualTo("ok");
    }

    private static void writeDevice(XenstoreOps ops, String path) {
        ops.mkdir(path);
        ops.setPermissions(path, Permission.none(0), Permission.read(3));
        ops.write(path + "/state", "1");
        ops.write(path + "/backend-id", "0");
    }

    @Test
    void unknownTransactionIdIsAnError() {
        Transaction tx = xs.transaction();
        tx.abort();
        XenstoreException e = catchThrowableOfType(() -> tx.write(base + "/z", "v"), XenstoreException.class);
        // C xenstored says ENOENT, oxenstored EIO.
        assertThat(e.errorName()).isEqualTo(kind() == XenstoredDaemon.Kind.C ? "ENOENT" : "EIO");
        assertThat(e.operation()).isEqualTo("WRITE");
    }

    @Test
    void watchCallbackSeesInitialEventAndChanges() throws Exception {
        BlockingQueue<WatchEvent> seen = new LinkedBlockingQueue<>();
        try (Watch w = xs.watch(base + "/w", seen::add)) {
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new WatchEvent(base + "/w", w.token()));
            daemon.tool("xenstore-write", base + "/w/child", "1");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new WatchEvent(base + "/w/child", w.token()));
        }
    }

    @Test
    void unwatchStopsEvents() throws Exception {
        WatchQueue a = xs.watchQueue(base + "/a");
        assertThat(a.poll(WAIT).path()).isEqualTo(base + "/a");
        a.close();
        try (WatchQueue b = xs.watchQueue(base + "/b")) {
            assertThat(b.poll(WAIT).path()).isEqualTo(base + "/b");
            xs.write(base + "/a", "1");
            xs.write(base + "/b", "1");
            // Events come in order on one connection: once b's arrived, a's would have.
            assertThat(b.poll(WAIT).path()).isEqualTo(base + "/b");
            assertThat(a.events()).isEmpty();
        }
    }

    @Test
    void resetWatchesDropsEveryWatch() throws Exception {
        WatchQueue a = xs.watchQueue(base + "/a");
        assertThat(a.poll(WAIT)).isNotNull();
        xs.resetWatches();
        try (WatchQueue b = xs.watchQueue(base + "/b")) {
            assertThat(b.poll(WAIT)).isNotNull();
            xs.write(base + "/a", "1");
            xs.write(base + "/b", "1");
            assertThat(b.poll(WAIT).path()).isEqualTo(base + "/b");
            assertThat(a.events()).isEmpty();
        }
    }

    @Test
    void slowCallbackDoesNotDelayReplies() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (Watch w = xs.watch(base + "/slow", e -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        })) {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            // The callback thread is now stuck; requests and their replies still flow.
            try (XenstoreClient strict = daemon.connect(Duration.ofSeconds(10))) {
                for (int i = 0; i < 50; i++) {
                    xs.write(base + "/slow/" + i, Integer.toString(i));
                    assertThat(xs.read(base + "/slow/" + i)).isEqualTo(Integer.toString(i));
                }
                assertThat(strict.read(base + "/slow/49")).isEqualTo("49");
            }
            release.countDown();
        }
    }

    @Test
    void watchStormDeliversEveryPath() throws Exception {
        int n = 400;
        try (WatchQueue q = xs.watchQueue(base + "/storm")) {
            assertThat(q.poll(WAIT)).isNotNull();
            Batch b = xs.batch();
            for (int i = 0; i < n; i++) {
                b.write(base + "/storm/" + i, "x");
            }
            b.sendAndWait();
            Set<String> paths = new HashSet<>();
            while (paths.size() < n) {
                WatchEvent e = q.poll(WAIT);
                assertThat(e).as("events so far: %d of %d", paths.size(), n).isNotNull();
                paths.add(e.path());
            }
            for (int i = 0; i < n; i++) {
                assertThat(paths).contains(base + "/storm/" + i);
            }
        }
    }

    @Test
    void manyThreadsShareOneConnection() throws Exception {
        int threads = 8;
        int ops = 150;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < ops; i++) {
                    String p = base + "/t" + id + "/k" + (i % 10);
                    String v = id + ":" + i;
                    xs.write(p, v);
                    assertThat(xs.read(p)).isEqualTo(v);
                }
            }, r -> new Thread(r).start()));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        assertThat(daemon.tool("xenstore-read", base + "/t7/k9").trimmed()).isEqualTo("7:149");
    }

    @Test
    void thousandPipelinedRequestsAllGetTheirOwnReply() {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            writes.add(xs.writeAsync(base + "/pipe/" + i, "v" + i));
        }
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).join();
        Batch reads = xs.batch();
        List<CompletableFuture<byte[]>> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add(reads.read(base + "/pipe/" + i));
        }
        CompletableFuture<byte[]> missing = reads.read(base + "/pipe/none");
        reads.send();
        for (int i = 0; i < 1000; i++) {
            assertThat(new String(values.get(i).join(), StandardCharsets.UTF_8)).isEqualTo("v" + i);
        }
        assertThatThrownBy(missing::join).hasCauseInstanceOf(XenstoreException.class).hasMessageContaining("ENOENT");
        assertThat(daemon.tool("xenstore-read", base + "/pipe/999").trimmed()).isEqualTo("v999");
    }

    @Test
    void dependentStagesMayCallTheSameClient() throws Exception {
        xs.write(base + "/first", base + "/second");
        xs.write(base + "/second", "found");
        // The stage runs when the reply is in, and itself makes a synchronous call.
        CompletableFuture<String> chained = xs.readAsync(base + "/first")
                .thenApply(b -> xs.read(new String(b, StandardCharsets.UTF_8)));
        assertThat(chained.get(20, TimeUnit.SECONDS)).isEqualTo("found");
        // Same with a watch registered, when the background reader delivers the reply.
        try (WatchQueue q = xs.watchQueue(base + "/w")) {
            CompletableFuture<String> again = xs.readAsync(base + "/first")
                    .thenApply(b -> xs.read(new String(b, StandardCharsets.UTF_8)));
            assertThat(again.get(20, TimeUnit.SECONDS)).isEqualTo("found");
            assertThat(q.poll(WAIT)).isNotNull();
        }
    }

    @Test
    void invalidPathsAreRefusedBeforeSendingAndTheDaemonRefusesThemToo() {
        String[] bad = {base + "/has space", base + "/trailing/", base + "//double", base + "/star*"};
        for (String p : bad) {
            XenstoreException e = catchThrowableOfType(() -> xs.write(p, "v"), XenstoreException.class);
            assertThat(e.errorName()).isEqualTo("EINVAL");
            assertThat(e.getMessage()).contains("refused before sending");
            assertThat(daemon.tool("xenstore-write", p, "v").exit()).as(p).isNotZero();
        }
        // Every allowed character, accepted by both.
        String fine = base + "/AZaz09-_@";
        xs.write(fine, "ok");
        assertThat(daemon.tool("xenstore-read", fine).trimmed()).isEqualTo("ok");

        String tooLong = base + "/" + "x".repeat(XsLimits.ABS_PATH_MAX);
        XenstoreException e = catchThrowableOfType(() -> xs.read(tooLong), XenstoreException.class);
        assertThat(e.getMessage()).contains("limit for absolute paths is 3072");
        assertThat(daemon.tool("xenstore-write", tooLong, "v").exit()).isNotZero();
        assertThat(xs.read("/tool/xenstored") != null).isTrue(); // connection still fine
    }

    @Test
    void payloadLimitIsExactly4096Bytes() {
        String path = base + "/big";
        int room = XsLimits.PAYLOAD_MAX - path.length() - 1;
        if (kind() == XenstoredDaemon.Kind.C) {
            xs.write(path, "v".repeat(room)); // exactly 4096 bytes: accepted by the daemon
            assertThat(xs.read(path)).hasSize(room);
        } else {
            // oxenstored's quota-maxsize (2048) applies to dom0 too: the daemon says E2BIG.
            XenstoreException quota = catchThrowableOfType(() -> xs.write(path, "v".repeat(room)),
                    XenstoreException.class);
            assertThat(quota.errorName()).isEqualTo("E2BIG");
            assertThat(quota.getMessage()).doesNotContain("refused before sending");
            xs.write(path, "v".repeat(2048));
        }

        XenstoreException e = catchThrowableOfType(() -> xs.write(path, "v".repeat(room + 1)), XenstoreException.class);
        assertThat(e.errorName()).isEqualTo("E2BIG");
        assertThat(e.getMessage()).contains("4097", "refused before sending");
        // Had it been sent, xenstored would have dropped the connection; it is still open.
        assertThat(xs.exists(path)).isTrue();
        assertThat(xs.isOpen()).isTrue();
    }

    @Test
    void introduceAndReleaseFireTheSpecialWatches() throws Exception {
        int domid = 40 + kind().ordinal();
        try (WatchQueue intro = xs.watchQueue("@introduceDomain");
             WatchQueue rel = xs.watchQueue("@releaseDomain")) {
            assertThat(intro.poll(WAIT).path()).isEqualTo("@introduceDomain");
            assertThat(rel.poll(WAIT).path()).isEqualTo("@releaseDomain");
            assertThat(xs.isDomainIntroduced(domid)).isFalse();

            xs.introduceDomain(domid, 1234, 5);
            assertThat(intro.poll(WAIT).path()).isEqualTo("@introduceDomain");
            assertThat(xs.isDomainIntroduced(domid)).isTrue();
            xs.resumeDomain(domid);

            xs.releaseDomain(domid);
            assertThat(rel.poll(WAIT).path()).isEqualTo("@releaseDomain");
            assertThat(xs.isDomainIntroduced(domid)).isFalse();
        }
    }

    @Test
    void dyingDomainFiresReleaseDomainAndLosesItsNodes() throws Exception {
        int domid = 50 + kind().ordinal();
        String home = "/local/domain/" + domid;
        try (WatchQueue rel = xs.watchQueue("@releaseDomain")) {
            assertThat(rel.poll(WAIT)).isNotNull();
            xs.introduceDomain(domid, 99, 3);
            xs.write(home + "/name", "doomed");
            xs.setPermissions(home + "/name", Permission.none(domid));
            daemon.setDomainState(domid, "dying");
            assertThat(rel.poll(WAIT)).as("@releaseDomain after the domain died").isNotNull();
            // The daemon notices by itself (via the VIRQ the shim simulated).
            assertThat(xs.isDomainIntroduced(domid)).isFalse();
            // Nodes the dead domain owned are gone with it.
            assertThat(xs.exists(home + "/name")).isFalse();
        }
    }

    @Test
    void setTargetDiffersBetweenDaemonsForUnknownTargets() {
        int stub = 60 + kind().ordinal();
        xs.introduceDomain(stub, 1, 1);
        if (kind() == XenstoredDaemon.Kind.C) {
            assertThatThrownBy(() -> xs.setTarget(stub, 61 + 10 * kind().ordinal()))
                    .isInstanceOf(XenstoreException.class).hasMessageContaining("ENOENT");
        }
        xs.introduceDomain(stub + 5, 1, 1);
        xs.setTarget(stub, stub + 5);
        xs.releaseDomain(stub);
        xs.releaseDomain(stub + 5);
    }

    @Test
    void controlCommand() {
        String reply = xs.control("print", "hello-from-xlj");
        assertThat(reply).isNotNull();
    }

    @Test
    void closeFailsPendingCallsAndLaterCalls() {
        daemon.signal("STOP");
        try {
            CompletableFuture<byte[]> pending = xs.readAsync("/tool/xenstored");
            xs.close();
            assertThatThrownBy(pending::join).hasCauseInstanceOf(XenstoreException.class)
                    .hasMessageContaining("closed by the client");
            assertThatThrownBy(() -> xs.read("/tool")).isInstanceOf(XenstoreException.class)
                    .hasMessageContaining("closed by the client");
        } finally {
            daemon.signal("CONT");
        }
    }

    @Test
    void perCallTimeoutWhenTheDaemonDoesNotAnswer() {
        XenstoreOps impatient = xs.withTimeout(Duration.ofMillis(300));
        daemon.signal("STOP");
        try {
            XenstoreException e = catchThrowableOfType(() -> impatient.read("/tool"), XenstoreException.class);
            assertThat(e.errorName()).isEqualTo("ETIMEDOUT");
            assertThat(e.getMessage()).contains("READ", "/tool", "no reply", "300 ms");
        } finally {
            daemon.signal("CONT");
        }
        // The late reply is dropped; the connection carries on.
        assertThat(xs.exists("/tool")).isTrue();
        assertThat(impatient.exists("/tool")).isTrue();
    }

    @Test
    void writerGivesUpWhenTheDaemonStopsReading() {
        try (XenstoreClient impatient = daemon.connect(Duration.ofMillis(500))) {
            daemon.signal("STOP");
            try {
                // About 4 MB of requests: far more than a socket buffer holds.
                Batch b = impatient.batch();
                for (int i = 0; i < 1200; i++) {
                    b.write(base + "/flood/" + i, "v".repeat(3000));
                }
                XenstoreException e = catchThrowableOfType(b::send, XenstoreException.class);
                assertThat(e.errorName()).isEqualTo("ETIMEDOUT");
                assertThat(e.getMessage()).contains("has not read from its socket");
                assertThat(impatient.isOpen()).isFalse();
            } finally {
                daemon.signal("CONT");
            }
        }
        assertThat(xs.exists("/tool")).isTrue(); // other connections are unaffected
    }

    @Test
    void interruptingAWaitingCallerLeavesTheConnectionUsable() throws Exception {
        daemon.signal("STOP");
        try {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    xs.read("/tool");
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            caller.start();
            // Most likely it is waiting for the stopped daemon by now; if not, it is
            // refused before sending. Either way: EINTR, and the channel stays open.
            Thread.sleep(200);
            caller.interrupt();
            Throwable t = outcome.get(20, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(XenstoreException.class);
            assertThat(((XenstoreException) t).errorName()).isEqualTo("EINTR");
        } finally {
            daemon.signal("CONT");
        }
        assertThat(xs.read("/tool/xenstored")).isNotNull();
        assertThat(xs.isOpen()).isTrue();
    }

    @Test
    void interleavedTransactionsOnTwoConnectionsConflict() {
        xs.write(base + "/n", "0");
        try (XenstoreClient other = daemon.connect();
             Transaction t1 = xs.transaction();
             Transaction t2 = other.transaction()) {
            assertThat(t1.read(base + "/n")).isEqualTo("0");
            assertThat(t2.read(base + "/n")).isEqualTo("0");
            t2.write(base + "/n", "2");
            t2.commit();
            t1.write(base + "/n", "1");
            assertThat(t1.tryCommit()).isFalse(); // EAGAIN: t2 changed what t1 read
        }
        assertThat(xs.read(base + "/n")).isEqualTo("2");
    }

    @Test
    void runInTransactionRunsTheBodyAgainAfterAConflict() {
        xs.write(base + "/n", "10");
        int[] attempts = {0};
        try (XenstoreClient other = daemon.connect()) {
            int seen = xs.runInTransaction(tx -> {
                attempts[0]++;
                int v = Integer.parseInt(tx.read(base + "/n"));
                if (attempts[0] == 1) {
                    other.write(base + "/n", "20"); // a competing toolstack, first time only
                }
                tx.write(base + "/n", Integer.toString(v + 1));
                return v;
            });
            assertThat(attempts[0]).isEqualTo(2);
            assertThat(seen).isEqualTo(20);
        }
        assertThat(daemon.tool("xenstore-read", base + "/n").trimmed()).isEqualTo("21");
    }

    @Test
    void quotaErrorsSayWhatWasExceeded() {
        assumeTrue(kind() == XenstoredDaemon.Kind.OCAML,
                "C xenstored exempts dom0 from quotas: nothing to provoke over its socket");
        XenstoreException e = catchThrowableOfType(() -> xs.write(base + "/q", "v".repeat(3000)),
                XenstoreException.class);
        assertThat(e.errorName()).isEqualTo("E2BIG");
        assertThat(e.getMessage()).contains("quota");
    }
}
