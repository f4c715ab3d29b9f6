package io.xlj.xenstore;

/** {@link WatchedReadsTest} against Debian's oxenstored. */
class OxenstoredWatchedReadsTest extends WatchedReadsTest {
    @Override
    XenstoredDaemon.Kind kind() {
        return XenstoredDaemon.Kind.OCAML;
    }
}
