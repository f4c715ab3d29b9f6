package io.xlj.xenstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node operations on top of a connection and a transaction id (0 = none). Shared
 * by the client and by transactions, which differ only in that id.
 */
abstract class OpsBase implements XenstoreOps {

    abstract XsConnection connection();

    abstract int txId();

    abstract Duration timeout();

    /** Whether the daemon answers DIRECTORY_PART (oxenstored does not). */
    abstract DirectoryPartSupport directoryPartSupport();

    XsMessage call(XsType type, String path, byte[] payload) {
        XsConnection c = connection();
        return c.await(c.send(type, txId(), payload, path), timeout());
    }

    CompletableFuture<XsMessage> callAsync(XsType type, String path, byte[] payload) {
        XsConnection.Pending p = connection().sendAll(
                List.of(new XsConnection.Request(type, txId(), payload, path)), true).get(0);
        return p.thenApply(m -> XsConnection.check(p, m));
    }

    @Override
    public byte[] readBytes(String path) {
        XsLimits.checkPath("READ", path);
        return call(XsType.READ, path, Payload.strings(path)).payload();
    }

    @Override
    public CompletableFuture<byte[]> readAsync(String path) {
        XsLimits.checkPath("READ", path);
        return callAsync(XsType.READ, path, Payload.strings(path)).thenApply(XsMessage::payload);
    }

    @Override
    public void write(String path, byte[] value) {
        XsLimits.checkPath("WRITE", path);
        call(XsType.WRITE, path, Payload.pathAndValue(path, value));
    }

    @Override
    public CompletableFuture<Void> writeAsync(String path, byte[] value) {
        XsLimits.checkPath("WRITE", path);
        return callAsync(XsType.WRITE, path, Payload.pathAndValue(path, value)).thenApply(m -> null);
    }

    @Override
    public void mkdir(String path) {
        XsLimits.checkPath("MKDIR", path);
        call(XsType.MKDIR, path, Payload.strings(path));
    }

    @Override
    public void rm(String path) {
        XsLimits.checkPath("RM", path);
        call(XsType.RM, path, Payload.strings(path));
    }

    @Override
    public List<String> directory(String path) {
        XsLimits.checkPath("DIRECTORY", path);
        try {
            return call(XsType.DIRECTORY, path, Payload.strings(path)).fields();
        } catch (XenstoreException e) {
            // The listing does not fit in one reply: page through it instead.
            if (e.is("E2BIG") && directoryPartSupport().maybeSupported()) {
                return directoryPart(path);
            }
            throw e;
        }
    }

    /**
     * Lists children with DIRECTORY_PART, which pages through listings bigger than one
     * reply. Daemons without it (oxenstored answers ENOSYS) get a plain DIRECTORY.
     */
    @Override
    public List<String> directoryPart(String path) {
        XsLimits.checkPath("DIRECTORY_PART", path);
        DirectoryPartSupport support = directoryPartSupport();
        if (!support.maybeSupported()) {
            return call(XsType.DIRECTORY, path, Payload.strings(path)).fields();
        }
        restart:
        while (true) {
            List<String> children = new ArrayList<>();
            String generation = null;
            long offset = 0;
            while (true) {
                XsMessage m;
                try {
                    m = call(XsType.DIRECTORY_PART, path, Payload.strings(path, Long.toString(offset)));
                } catch (XenstoreException e) {
                    if (e.is("ENOSYS") || (e.is("EINVAL") && generation == null && support.unknown())) {
                        support.markUnsupported();
                        return call(XsType.DIRECTORY, path, Payload.strings(path)).fields();
                    }
                    throw e;
                }
                support.markSupported();
                byte[] p = m.payload();
                List<String> f = m.fields();
                if (f.isEmpty()) {
                    throw new XenstoreException("EPROTO", "DIRECTORY_PART", path,
                            "empty reply from xenstored");
                }
                if (generation == null) {
                    generation = f.get(0);
                } else if (!generation.equals(f.get(0))) {
                    // The node changed between pages: the offsets are stale, start over.
                    continue restart;
                }
                boolean complete = p.length >= 2 && p[p.length - 1] == 0 && p[p.length - 2] == 0;
                for (int i = 1; i < f.size(); i++) {
                    String child = f.get(i);
                    if (!child.isEmpty()) {
                        children.add(child);
                        offset += Strings.utf8(child).length + 1;
                    }
                }
                if (complete) {
                    return children;
                }
            }
        }
    }

    @Override
    public List<Permission> getPermissions(String path) {
        XsLimits.checkPath("GET_PERMS", path);
        List<String> f = call(XsType.GET_PERMS, path, Payload.strings(path)).fields();
        List<Permission> out = new ArrayList<>(f.size());
        for (String s : f) {
            out.add(Permission.parse(s));
        }
        return out;
    }

    @Override
    public void setPermissions(String path, List<Permission> permissions) {
        XsLimits.checkPath("SET_PERMS", path);
        if (permissions.isEmpty()) {
            throw new XenstoreException("EINVAL", "SET_PERMS", path,
                    "at least one permission (the owner) is needed (refused before sending)");
        }
        String[] parts = new String[permissions.size() + 1];
        parts[0] = path;
        for (int i = 0; i < permissions.size(); i++) {
            parts[i + 1] = permissions.get(i).wire();
        }
        call(XsType.SET_PERMS, path, Payload.strings(parts));
    }
}
