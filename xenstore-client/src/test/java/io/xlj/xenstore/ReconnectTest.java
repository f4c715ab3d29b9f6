package io.xlj.xenstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** xenstored restarts: a reconnecting client carries on and its watches come back. */
class ReconnectTest {

    @ParameterizedTest
    @EnumSource(XenstoredDaemon.Kind.class)
    void reconnectsAndReRegistersWatchesAfterARestart(XenstoredDaemon.Kind kind) throws Exception {
        try (XenstoredDaemon daemon = XenstoredDaemon.start(kind);
             XenstoreClient xs = XenstoreClient.openSocket(daemon.socket(), Duration.ofSeconds(20), true);
             XenstoreClient plain = daemon.connect()) {
            WatchQueue q = xs.watchQueue("/again");
            assertThat(q.poll(Duration.ofSeconds(10)).path()).isEqualTo("/again");
            xs.write("/again/before", "1");
            assertThat(q.poll(Duration.ofSeconds(10)).path()).isEqualTo("/again/before");

            daemon.restart(); // a fresh daemon: the tree is back to its initial state

            // The client without reconnect stays dead, with a clear error.
            assertThatThrownBy(() -> plain.read("/tool")).isInstanceOf(XenstoreException.class)
                    .hasMessageContaining("closed the connection");

            // The reconnecting one waits for the new connection, then works.
            assertThat(xs.exists("/again/before")).isFalse();
            xs.write("/again/after", "2");
            assertThat(daemon.tool("xenstore-read", "/again/after").trimmed()).isEqualTo("2");

            // Its watch was registered again: the initial event, then the change.
            assertThat(q.poll(Duration.ofSeconds(10)).path()).isEqualTo("/again");
            WatchEvent e = q.poll(Duration.ofSeconds(10));
            if (e.path().equals("/again")) { // an initial event may race with our write
                e = q.poll(Duration.ofSeconds(10));
            }
            assertThat(e.path()).isEqualTo("/again/after");
        }
    }
}
