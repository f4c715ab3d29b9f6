package io.xlj.xenstore;

/** The contract against Debian's C xenstored. */
class CXenstoredTest extends XenstoreContractTest {
    @Override
    XenstoredDaemon.Kind kind() {
        return XenstoredDaemon.Kind.C;
    }
}
