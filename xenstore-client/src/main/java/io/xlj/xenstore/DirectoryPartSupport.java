package io.xlj.xenstore;

/** Remembers per connection whether the daemon implements DIRECTORY_PART. */
final class DirectoryPartSupport {
    private volatile Boolean supported;

    boolean maybeSupported() {
        return supported == null || supported;
    }

    boolean unknown() {
        return supported == null;
    }

    void markSupported() {
        if (supported == null) {
            supported = Boolean.TRUE;
        }
    }

    /** After reconnecting: the daemon may be a different one. */
    void reset() {
        supported = null;
    }

    void markUnsupported() {
        supported = Boolean.FALSE;
    }
}
