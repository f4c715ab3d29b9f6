package io.xlj.xen;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * A file mapped read-only into memory (libxl's {@code libxl__file_reference_map}), so that the
 * file can be deleted at once and its bytes still handed to the domain builder
 * ({@code xc_dom_kernel_mem}): libxl does that with the kernel and ramdisk a bootloader
 * extracted, which leaves nothing on disk however the create ends. {@link #close()} unmaps.
 */
public final class MappedFile implements AutoCloseable {

    private final Path path;
    private Pointer data;
    private final long size;

    private MappedFile(Path path, Pointer data, long size) {
        this.path = path;
        this.data = data;
        this.size = size;
    }

    /**
     * Maps the whole file, private and read-only.
     *
     * @throws XenCallException with the errno of open, lseek or mmap (an empty file cannot be
     *                          mapped: EINVAL, as for libxl)
     */
    public static MappedFile map(Path path) {
        LibC libc = XenLibraries.libc();
        int fd;
        try {
            fd = libc.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new XenCallException("open", null, e.getErrorCode(), "open " + path);
        }
        try {
            long size = libc.lseek(fd, 0, LibC.SEEK_END);
            Pointer data = libc.mmap(null, size, LibC.PROT_READ, LibC.MAP_PRIVATE, fd, 0);
            if (data == null || Pointer.nativeValue(data) == -1L) {
                throw new XenCallException("mmap", null, 22, "mmap " + path);
            }
            return new MappedFile(path, data, size);
        } catch (LastErrorException e) {
            throw new XenCallException("mmap", null, e.getErrorCode(), "mmap " + path);
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException ignored) {
                // Nothing to do about a failed close of a read-only descriptor.
            }
        }
    }

    /** The path the file was mapped from (it may be gone since). */
    public Path path() {
        return path;
    }

    public Pointer data() {
        if (data == null) {
            throw new IllegalStateException(path + " is no longer mapped");
        }
        return data;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() {
        if (data != null) {
            XenLibraries.libc().munmap(data, size);
            data = null;
        }
    }
}
