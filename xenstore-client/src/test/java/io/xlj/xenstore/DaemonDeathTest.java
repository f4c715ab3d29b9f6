package io.xlj.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A daemon that dies with requests in flight must fail them all, clearly, at once. */
class DaemonDeathTest {

    @ParameterizedTest
    @EnumSource(XenstoredDaemon.Kind.class)
    void daemonDeathFailsEveryPendingCall(XenstoredDaemon.Kind kind) throws Exception {
        try (XenstoredDaemon daemon = XenstoredDaemon.start(kind);
             XenstoreClient xs = daemon.connect()) {
            xs.write("/death/x", "1");
            daemon.signal("STOP"); // requests now wait in the socket, unanswered
            List<CompletableFuture<byte[]>> pending = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pending.add(xs.readAsync("/death/x"));
            }
            CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> xs.read("/death/x"));
            daemon.signal("KILL");
            for (CompletableFuture<byte[]> p : pending) {
                Throwable t = p.handle((v, e) -> e).get(10, TimeUnit.SECONDS);
                assertThat(t).isInstanceOf(CompletionException.class);
                XenstoreException xe = (XenstoreException) t.getCause();
                assertThat(xe.errorName()).isEqualTo("ECONNRESET");
                assertThat(xe.getMessage()).contains("READ", "/death/x", "closed the connection");
            }
            Throwable t = blocked.handle((v, e) -> e).get(10, TimeUnit.SECONDS);
            assertThat(t.getCause()).isInstanceOf(XenstoreException.class)
                    .hasMessageContaining("closed the connection");
            assertThat(xs.isOpen()).isFalse();
        }
    }
}
