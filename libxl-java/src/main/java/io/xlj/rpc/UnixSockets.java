package io.xlj.rpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Listening Unix sockets for xljd: bound by the daemon, or inherited from systemd. */
public final class UnixSockets {

    private UnixSockets() {
    }

    /**
     * The listening socket systemd passed on standard input ({@code StandardInput=socket}),
     * if any. The newer LISTEN_FDS protocol (fd 3 onwards) has no JDK API.
     */
    public static Optional<ServerSocketChannel> inherited() throws IOException {
        Channel c = System.inheritedChannel();
        if (c instanceof ServerSocketChannel s && s.getLocalAddress() instanceof UnixDomainSocketAddress) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /**
     * Binds a listening socket at {@code path} with the given mode and group (null: keep the
     * daemon's). A socket file left by a daemon that died is removed first; a socket some
     * process still answers on is not (two daemons must not share a host).
     */
    public static ServerSocketChannel bind(Path path, String mode, String group) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        removeStale(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), 128);
            // Following links: the JDK changes a no-follow mode with open()+fchmod(), and a
            // socket cannot be opened (ENXIO). bind() just created the path, so it is no link.
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (group != null) {
                GroupPrincipal g = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
                view.setGroup(g);
            }
            view.setPermissions(permissions(mode));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
        }
    }

    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot listen on " + path + ": it exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException("cannot listen on " + path + ": another daemon is answering there");
        } catch (java.net.ConnectException e) {
            // ECONNREFUSED: nobody listens; the file is what a dead daemon left behind.
            Files.deleteIfExists(path);
        }
    }

    /** "0600"-style octal mode to permissions. */
    static Set<PosixFilePermission> permissions(String octal) {
        int m = Integer.parseInt(octal, 8);
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((m & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }
}
