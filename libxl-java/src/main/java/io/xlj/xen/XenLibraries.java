package io.xlj.xen;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the Xen libraries by their exact SONAME and guards the ABI.
 *
 * <p>In Xen the SONAME is the ABI identity: libxenctrl and libxenguest are
 * {@code lib*.so.4.17} and change layout with every release, so only those exact names
 * are loaded (never the unversioned {@code -dev} symlinks). If the 4.17 library is
 * missing but another version is installed, loading fails with {@link XenAbiException}
 * naming what was found. Once a handle is open, {@link #checkHypervisorVersion(int)}
 * refuses any hypervisor but 4.17 (its domctl interface 0x15 would reject every call).
 */
public final class XenLibraries {

    /** The one Xen release these bindings speak. */
    public static final String SUPPORTED_VERSION = "4.17";
    /** {@code xc_version(XENVER_version)} of a 4.17 hypervisor: major &lt;&lt; 16 | minor. */
    public static final int SUPPORTED_VERSION_CODE = 4 << 16 | 17;

    /** Where Debian and other distributions put the Xen tool libraries. */
    static final List<Path> LIBRARY_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
            Path.of("/usr/lib"), Path.of("/usr/local/lib"), Path.of("/usr/local/lib64"));

    private static XenCtrlLibrary ctrl;
    private static XenGuestLibrary guest;
    private static XenToolLogLibrary toolLog;
    private static LibC libc;

    private XenLibraries() {
    }

    /** libxenctrl.so.4.17, loaded once. */
    public static synchronized XenCtrlLibrary ctrl() {
        if (ctrl == null) {
            ctrl = load(XenCtrlLibrary.SONAME, XenCtrlLibrary.class);
        }
        return ctrl;
    }

    /** libxenguest.so.4.17, loaded once. */
    public static synchronized XenGuestLibrary guest() {
        if (guest == null) {
            guest = load(XenGuestLibrary.SONAME, XenGuestLibrary.class);
        }
        return guest;
    }

    /** libxentoollog.so.1, loaded once. */
    public static synchronized XenToolLogLibrary toolLog() {
        if (toolLog == null) {
            toolLog = load(XenToolLogLibrary.SONAME, XenToolLogLibrary.class);
        }
        return toolLog;
    }

    static synchronized LibC libc() {
        if (libc == null) {
            libc = Native.load(LibC.SONAME, LibC.class);
        }
        return libc;
    }

    /**
     * Loads {@code soname} exactly. On failure, looks for other versions of the same
     * library to tell "not installed" ({@link XenNotAvailableException}) from "wrong Xen
     * version" ({@link XenAbiException}).
     */
    static <T extends Library> T load(String soname, Class<T> type) {
        try {
            return Native.load(soname, type);
        } catch (UnsatisfiedLinkError e) {
            String base = soname.substring(0, soname.indexOf(".so") + 3);
            List<String> others = installedVersions(base);
            if (others.isEmpty()) {
                throw new XenNotAvailableException("cannot load " + soname + ": the Xen " + SUPPORTED_VERSION
                        + " tool libraries are not installed (Debian 12: libxenmisc4.17)", e);
            }
            throw new XenAbiException("cannot load " + soname, String.join(", ", others));
        }
    }

    /** Every {@code base.*} file (e.g. libxenctrl.so.4.18) in the usual library directories. */
    static List<String> installedVersions(String base) {
        Set<String> found = new LinkedHashSet<>();
        List<Path> dirs = new ArrayList<>();
        String ldPath = System.getenv("LD_LIBRARY_PATH");
        if (ldPath != null) {
            for (String d : ldPath.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.addAll(LIBRARY_DIRS);
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().startsWith(base + "."))
                        .sorted()
                        .forEach(f -> found.add(f.toString()));
            } catch (IOException e) {
                // An unreadable directory simply contributes nothing to the diagnosis.
            }
        }
        return List.copyOf(found);
    }

    /** Refuses any hypervisor but 4.17, given {@code xc_version(XENVER_version)}. */
    public static void checkHypervisorVersion(int versionCode) {
        if (versionCode != SUPPORTED_VERSION_CODE) {
            throw new XenAbiException("unsupported hypervisor", "Xen " + (versionCode >>> 16) + "." + (versionCode & 0xffff));
        }
    }
}
