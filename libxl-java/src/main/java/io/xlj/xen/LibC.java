package io.xlj.xen;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The few libc functions the bindings need: formatting libxc's log messages, errno text, and
 * the flock(2) that libxl's lock files use (Java's FileLock is fcntl(2), which does not
 * exclude an flock holder), kill(2), and mmap(2) for the kernel and ramdisk a bootloader
 * extracted (libxl maps them, then deletes the files), and a Unix socket that can pass a
 * file descriptor ({@link FdPassingSocket}).
 */
public interface LibC extends Library {

    String SONAME = "libc.so.6";

    /** @param ap a {@code va_list}, which on x86_64 is a pointer to a {@code __va_list_tag}. */
    int vsnprintf(byte[] str, long size, Pointer format, Pointer ap);

    String strerror(int errnum);

    int O_RDONLY = 0;
    int O_RDWR = 02;
    int O_CREAT = 0100;
    int O_CLOEXEC = 02000000;
    int LOCK_EX = 2;

    /** open(2); {@code mode} is the variadic third argument. */
    int open(String path, int flags, Object... mode) throws LastErrorException;

    int flock(int fd, int operation) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** kill(2): libxl stops a device model with SIGHUP, which Java's Process API cannot send. */
    int kill(int pid, int sig) throws LastErrorException;

    int PROT_READ = 1;
    int MAP_PRIVATE = 2;
    int SEEK_END = 2;

    /** lseek(2); {@code off_t} is 64 bits on x86_64. */
    long lseek(int fd, long offset, int whence) throws LastErrorException;

    /** mmap(2); failure is {@code MAP_FAILED}, (void *) -1. */
    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

    int munmap(Pointer addr, long length);

    /** socket(2), connect(2), setsockopt(2), sendmsg(2), read(2), write(2): see {@link FdPassingSocket}. */
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int connect(int fd, sockaddr_un addr, int addrlen) throws LastErrorException;

    int setsockopt(int fd, int level, int optname, timeval optval, int optlen) throws LastErrorException;

    long sendmsg(int fd, msghdr msg, int flags) throws LastErrorException;

    long read(int fd, byte[] buf, long count) throws LastErrorException;

    long write(int fd, byte[] buf, long count) throws LastErrorException;

    /** Address of the calling thread's errno, so a callback can preserve it for its caller. */
    Pointer __errno_location();
}
