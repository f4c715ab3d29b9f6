package io.xlj.lab.dom0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xlj.xenstore.Permission;
import io.xlj.xenstore.Transaction;
import io.xlj.xenstore.WatchEvent;
import io.xlj.xenstore.WatchQueue;
import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The xenstore client over the kernel's {@code /dev/xen/xenbus} device (the transport for
 * hosts whose xenstored lives in a stub domain), which exists only in a real Xen domain.
 * Every effect is checked through a second, independent path: our client on xenstored's
 * Unix socket and Debian's own {@code xenstore-read}/{@code xenstore-ls}.
 */
@Tag("dom0")
@Tag("xenbus")
class XenbusTransportTest {

    private static final Duration T = Duration.ofSeconds(60);
    private static final String BASE = "/xlj-xenbus-test";

    private XenstoreClient bus;
    private XenstoreClient socket;

    @BeforeEach
    void open() {
        bus = XenstoreClient.openXenbus(XenstoreClient.XENBUS_DEVICE, T);
        socket = XenstoreClient.openSocket(XenstoreClient.DEFAULT_SOCKET, T);
        socket.rm(BASE);
        socket.mkdir(BASE);
    }

    @AfterEach
    void close() {
        try {
            socket.rm(BASE);
        } finally {
            bus.close();
            socket.close();
        }
    }

    @Test
    void writesThroughTheDeviceAreSeenByTheSocketAndByDebiansTools() {
        bus.write(BASE + "/a", "from-xenbus");
        assertThat(socket.read(BASE + "/a")).isEqualTo("from-xenbus");
        ExecResult r = Exec.run(T, "xenstore-read", BASE + "/a");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("from-xenbus\n");

        socket.write(BASE + "/b", "from-socket");
        assertThat(bus.read(BASE + "/b")).isEqualTo("from-socket");
        assertThat(bus.directory(BASE)).containsExactlyInAnyOrder("a", "b");
        assertThat(bus.readOptional(BASE + "/missing")).isEmpty();
    }

    @Test
    void permissionsSetThroughTheDeviceAreWhatXenstoreLsShows() {
        bus.write(BASE + "/p", "x");
        bus.setPermissions(BASE + "/p", Permission.none(0), Permission.read(5));
        assertThat(socket.getPermissions(BASE + "/p")).containsExactly(Permission.none(0), Permission.read(5));
        ExecResult r = Exec.run(T, "xenstore-ls", "-p", BASE);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^p = \"x\" [ .]*\\(n0,r5\\)$");
    }

    @Test
    void transactionsCommitAndAbortThroughTheDevice() {
        try (Transaction t = bus.transaction()) {
            t.write(BASE + "/t1", "committed");
            assertThat(socket.readOptional(BASE + "/t1")).as("invisible before commit").isEmpty();
            t.commit();
        }
        assertThat(socket.read(BASE + "/t1")).isEqualTo("committed");

        try (Transaction t = bus.transaction()) {
            t.write(BASE + "/t2", "aborted");
        }
        assertThat(socket.readOptional(BASE + "/t2")).isEmpty();
    }

    @Test
    void watchEventsArriveThroughTheDevice() throws Exception {
        WatchQueue q = bus.watchQueue(BASE + "/w");
        // xenstored fires every new watch once at registration.
        WatchEvent first = q.poll(T);
        assertThat(first).isNotNull();
        assertThat(first.path()).isEqualTo(BASE + "/w");

        socket.write(BASE + "/w/child", "1");
        WatchEvent ev = q.poll(T);
        assertThat(ev).as("watch event for a write made on the socket").isNotNull();
        assertThat(ev.path()).isEqualTo(BASE + "/w/child");
    }

    @Test
    void manyThreadsShareOneDeviceConnection() throws Exception {
        for (int i = 0; i < 64; i++) {
            socket.write(BASE + "/m/" + i, "v" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String path = BASE + "/m/" + i;
                reads.add(pool.submit(() -> bus.read(path)));
            }
            for (int i = 0; i < 64; i++) {
                assertThat(reads.get(i).get()).isEqualTo("v" + i);
            }
        } finally {
            pool.shutdownNow();
        }
        // Pipelined: many requests in flight on the one descriptor before any reply.
        List<CompletableFuture<byte[]>> inFlight = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            inFlight.add(bus.readAsync(BASE + "/m/" + i));
        }
        for (int i = 0; i < 64; i++) {
            assertThat(new String(inFlight.get(i).get())).isEqualTo("v" + i);
        }
    }

    @Test
    void errorsCarryXenstoresNameAndThePath() {
        assertThatThrownBy(() -> bus.read(BASE + "/nope"))
                .isInstanceOf(XenstoreException.class)
                .hasMessageContaining("ENOENT")
                .hasMessageContaining(BASE + "/nope");
        assertThat(bus.getDomainPath(0)).isEqualTo("/local/domain/0");
    }
}
