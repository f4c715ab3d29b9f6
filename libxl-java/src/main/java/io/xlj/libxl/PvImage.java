package io.xlj.libxl;

import io.xlj.xen.MappedFile;

/**
 * The kernel, ramdisk and command line a PV guest is built from (libxl's
 * {@code libxl__domain_build_state} pv_kernel, pv_ramdisk, pv_cmdline): the config's own, or
 * what its bootloader extracted. A bootloader's files are mapped and already deleted, so the
 * paths are only names then: libxl still writes them to /vm/UUID/image.
 *
 * @param kernelPath  the kernel's path
 * @param ramdiskPath the ramdisk's path, or null
 * @param cmdline     the command line, or null
 * @param kernel      the kernel's bytes when mapped (a bootloader's), else null: read from the path
 * @param ramdisk     the ramdisk's bytes when mapped, else null
 */
record PvImage(String kernelPath, String ramdiskPath, String cmdline, MappedFile kernel, MappedFile ramdisk)
        implements AutoCloseable {

    /** No bootloader: the config's kernel, ramdisk and command line, read from their files by the builder. */
    static PvImage direct(String kernel, String ramdisk, String cmdline) {
        return new PvImage(kernel, ramdisk, cmdline, null, null);
    }

    /** Unmaps what was mapped (libxl__file_reference_unmap once the build is over). */
    @Override
    public void close() {
        try {
            if (kernel != null) {
                kernel.close();
            }
        } finally {
            if (ramdisk != null) {
                ramdisk.close();
            }
        }
    }
}
