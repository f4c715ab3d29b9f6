package io.xlj.xen;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Unix stream socket made through libc, for the one thing the JDK's channels cannot do:
 * send a file descriptor along with a message (SCM_RIGHTS). libxl hands QEMU a cdrom image
 * that way (QMP {@code add-fd}), so that QEMU opens nothing by path itself.
 */
public final class FdPassingSocket implements AutoCloseable {

    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SCM_RIGHTS = 1;
    public static final int SO_RCVTIMEO = 20;

    private final LibC libc;
    private final int fd;
    private final String path;
    private boolean closed;

    private FdPassingSocket(LibC libc, int fd, String path) {
        this.libc = libc;
        this.fd = fd;
        this.path = path;
    }

    /**
     * Connects to the socket at {@code path}; a read that waits longer than
     * {@code readTimeout} fails (SO_RCVTIMEO), so a stuck peer cannot hang the caller.
     */
    public static FdPassingSocket connect(Path path, Duration readTimeout) throws IOException {
        LibC libc = XenLibraries.libc();
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        sockaddr_un addr = new sockaddr_un();
        if (p.length >= addr.sun_path.length) {
            throw new IOException("socket path too long: " + path);
        }
        addr.sun_family = AF_UNIX;
        System.arraycopy(p, 0, addr.sun_path, 0, p.length);
        int fd;
        try {
            fd = libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw failure("socket", path.toString(), e);
        }
        FdPassingSocket s = new FdPassingSocket(libc, fd, path.toString());
        try {
            timeval tv = new timeval();
            tv.tv_sec = readTimeout.toSeconds();
            tv.tv_usec = readTimeout.toNanosPart() / 1000;
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, tv.size());
            libc.connect(fd, addr, addr.size());
            return s;
        } catch (LastErrorException e) {
            s.close();
            throw failure("connect", path.toString(), e);
        }
    }

    /** Writes all of {@code data}. */
    public void write(byte[] data) throws IOException {
        int off = 0;
        while (off < data.length) {
            byte[] rest = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, data.length);
            try {
                off += (int) libc.write(fd, rest, rest.length);
            } catch (LastErrorException e) {
                if (!"EINTR".equals(Errno.name(e.getErrorCode()))) {
                    throw failure("write", path, e);
                }
            }
        }
    }

    /** Sends {@code data} with {@code passFd} attached as SCM_RIGHTS (the peer gets a duplicate). */
    void write(byte[] data, int passFd) throws IOException {
        Memory buf = new Memory(data.length);
        buf.write(0, data, 0, data.length);
        iovec iov = new iovec();
        iov.iov_base = buf;
        iov.iov_len = data.length;
        iov.write();
        cmsghdr header = new cmsghdr();
        int dataOffset = header.size();
        long space = controlSpace();
        Memory control = new Memory(space);
        control.clear();
        header.cmsg_len = controlLength();
        header.cmsg_level = SOL_SOCKET;
        header.cmsg_type = SCM_RIGHTS;
        header.write();
        control.write(0, header.getPointer().getByteArray(0, dataOffset), 0, dataOffset);
        control.setInt(dataOffset, passFd);
        msghdr msg = new msghdr();
        msg.msg_iov = iov.getPointer();
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = space;
        long sent;
        try {
            sent = libc.sendmsg(fd, msg, 0);
        } catch (LastErrorException e) {
            throw failure("sendmsg", path, e);
        }
        if (sent < data.length) {
            // The descriptor went with the first part; the rest is plain data.
            write(java.util.Arrays.copyOfRange(data, (int) sent, data.length));
        }
    }

    /**
     * Sends {@code data} with a read-only descriptor of {@code file} attached; ours is closed
     * afterwards, the peer keeps its duplicate.
     *
     * @throws IOException naming the file and the errno when it cannot be opened
     */
    public void write(byte[] data, Path file) throws IOException {
        int passFd;
        try {
            passFd = libc.open(file.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw failure("open", file.toString(), e);
        }
        try {
            write(data, passFd);
        } finally {
            try {
                libc.close(passFd);
            } catch (LastErrorException ignored) {
                // sent or not, ours is gone
            }
        }
    }

    /** CMSG_LEN(sizeof(int)): one descriptor's control message. */
    static long controlLength() {
        return new cmsghdr().size() + Integer.BYTES;
    }

    /** CMSG_SPACE(sizeof(int)): the same padded to size_t, the room it takes. */
    static long controlSpace() {
        return (controlLength() + Long.BYTES - 1) & -Long.BYTES;
    }

    /** Reads what is there, up to {@code len} bytes; -1 at the end of the stream. */
    public int read(byte[] b, int off, int len) throws IOException {
        byte[] tmp = off == 0 ? b : new byte[len];
        while (true) {
            try {
                int n = (int) libc.read(fd, tmp, len);
                if (n > 0 && tmp != b) {
                    System.arraycopy(tmp, 0, b, off, n);
                }
                return n == 0 ? -1 : n;
            } catch (LastErrorException e) {
                if ("EAGAIN".equals(Errno.name(e.getErrorCode()))) {
                    throw new IOException("read(" + path + "): no answer within the timeout");
                }
                if (!"EINTR".equals(Errno.name(e.getErrorCode()))) {
                    throw failure("read", path, e);
                }
            }
        }
    }

    /** The socket as a stream to read from (not closed by closing the stream). */
    public InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return FdPassingSocket.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : FdPassingSocket.this.read(b, off, len);
            }
        };
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                libc.close(fd);
            } catch (LastErrorException ignored) {
                // nothing left to release
            }
        }
    }

    private static SysCallException failure(String call, String path, LastErrorException e) {
        return new SysCallException(call, path, e.getErrorCode(), e);
    }

    /** A libc call on the socket, or the open(2) of a file to pass, failed: which, on what, errno. */
    public static final class SysCallException extends IOException {

        private static final long serialVersionUID = 1L;
        private final String call;
        private final int errno;

        SysCallException(String call, String path, int errno, Throwable cause) {
            super(call + "(" + path + "): " + Errno.name(errno) + " (" + XenLibraries.libc().strerror(errno) + ")",
                    cause);
            this.call = call;
            this.errno = errno;
        }

        /** The libc function, e.g. "open". */
        public String call() {
            return call;
        }

        public int errno() {
            return errno;
        }
    }
}
