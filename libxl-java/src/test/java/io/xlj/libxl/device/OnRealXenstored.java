package io.xlj.libxl.device;

import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoredDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class's own real C xenstored (Debian's, under xenstore-client's shim) and a client of it. */
abstract class OnRealXenstored {

    static XenstoredDaemon daemon;
    static XenstoreClient xs;

    @BeforeAll
    static void startXenstored() {
        daemon = XenstoredDaemon.startC();
        xs = daemon.connect();
    }

    @AfterAll
    static void stopXenstored() {
        if (xs != null) {
            xs.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }
}
