package io.xlj.xenstore;

/** The same contract against Debian's oxenstored (the default daemon on Debian 12). */
class OxenstoredTest extends XenstoreContractTest {
    @Override
    XenstoredDaemon.Kind kind() {
        return XenstoredDaemon.Kind.OCAML;
    }
}
