package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import com.sun.jna.Structure;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Structure, opaque offset, constant and errno name of io.xlj.xen against what the
 * C compiler says for Debian's installed Xen 4.17 headers. The Java side drives the
 * comparison (every mirrored thing must be found in the probe's output), so nothing
 * added to the bindings can escape the check.
 */
class StructLayoutTest {

    /** Every concrete XenStructure in the package, found on disk so none is forgotten. */
    static List<Class<? extends XenStructure>> structures() throws Exception {
        Path dir = packageDirectory();
        List<Class<? extends XenStructure>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("io.xlj.xen." + file.substring(0, file.length() - ".class".length()));
                if (XenStructure.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                    found.add(c.asSubclass(XenStructure.class));
                }
            }
        }
        return found;
    }

    private static Path packageDirectory() throws URISyntaxException {
        return Path.of(XenStructure.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/xlj/xen");
    }

    @Test
    void theScanFindsTheStructuresItMustCheck() throws Exception {
        assertThat(structures()).contains(xen_domctl_createdomain.class, xen_domctl_getdomaininfo.class,
                xen_sysctl_physinfo.class, xen_domctl_getvcpuinfo.class, xentoollog_logger.class);
    }

    @Test
    void everyStructureMatchesTheCompilersLayout() throws Exception {
        LayoutProbe probe = LayoutProbe.get();
        List<String> problems = new ArrayList<>();
        for (Class<? extends XenStructure> type : structures()) {
            String cName = type.getSimpleName();
            XenStructure s = type.getDeclaredConstructor().newInstance();
            Integer cSize = probe.sizes.get(cName);
            if (cSize == null) {
                problems.add(cName + ": the C probe does not print this struct");
                continue;
            }
            if (s.size() != cSize) {
                problems.add(cName + ": sizeof is " + cSize + " in C but " + s.size() + " in JNA");
            }
            String[] order = type.getAnnotation(Structure.FieldOrder.class).value();
            for (String field : order) {
                LayoutProbe.CField c = probe.fields.getOrDefault(cName, java.util.Map.of()).get(field);
                if (c == null) {
                    problems.add(cName + "." + field + ": the C probe does not print this field");
                    continue;
                }
                int javaOffset = s.offsetOf(field);
                int javaSize = nativeSize(type.getField(field), s);
                if (javaOffset != c.offset()) {
                    problems.add(cName + "." + field + ": offset is " + c.offset() + " in C but " + javaOffset
                            + " in JNA");
                }
                if (javaSize != c.size()) {
                    problems.add(cName + "." + field + ": size is " + c.size() + " in C but " + javaSize + " in JNA");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("JNA layouts differ from the Xen 4.17 headers:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void opaqueDomImageOffsetsMatchTheCompiler() throws Exception {
        LayoutProbe probe = LayoutProbe.get();
        assertThat(probe.sizes.get("xc_dom_image")).as("sizeof(struct xc_dom_image)").isEqualTo(XcDomImage.SIZE);
        List<String> problems = new ArrayList<>();
        for (XcDomImage.Field f : XcDomImage.Field.values()) {
            LayoutProbe.CField c = probe.fields.getOrDefault("xc_dom_image", java.util.Map.of()).get(f.cName);
            if (c == null) {
                problems.add("xc_dom_image." + f.cName + ": the C probe does not print this field");
            } else if (c.offset() != f.offset || c.size() != f.size) {
                problems.add("xc_dom_image." + f.cName + ": C has offset " + c.offset() + " size " + c.size()
                        + ", XcDomImage.Field." + f + " has offset " + f.offset + " size " + f.size);
            }
        }
        if (!problems.isEmpty()) {
            fail("xc_dom_image offsets differ from xenguest.h:\n  " + String.join("\n  ", problems));
        }
        // The embedded firmware modules are read through the mirrored struct.
        assertThat(XcDomImage.Field.ACPI_MODULES.size % new xc_hvm_firmware_module().size()).isZero();
    }

    @Test
    void everyConstantMatchesTheHeaders() throws Exception {
        LayoutProbe probe = LayoutProbe.get();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        List<Field> mirrored = new ArrayList<>(List.of(XenConstants.class.getFields()));
        mirrored.addAll(List.of(FdPassingSocket.class.getFields()));
        for (Field f : mirrored) {
            if (!Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Long c = probe.constants.get(f.getName());
            long java = f.getLong(null);
            if (c == null) {
                problems.add(f.getName() + ": the C probe does not print this constant");
            } else if (c != java) {
                problems.add(f.getName() + " is " + c + " in C but " + java + " in "
                        + f.getDeclaringClass().getSimpleName());
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(FdPassingSocket.controlLength()).isEqualTo(probe.constants.get("CMSG_LEN(sizeof(int))"));
        assertThat(FdPassingSocket.controlSpace()).isEqualTo(probe.constants.get("CMSG_SPACE(sizeof(int))"));
        if (!problems.isEmpty()) {
            fail("constants differ from the Xen 4.17 headers:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void errnoNamesMatchGlibc() throws Exception {
        LayoutProbe probe = LayoutProbe.get();
        assertThat(probe.errnos).isNotEmpty();
        for (int e = 1; e <= Math.max(Errno.max(), 133); e++) {
            String glibc = probe.errnos.get(e);
            String ours = Errno.name(e);
            if (glibc == null) {
                assertThat(ours).as("errno %d has no name in glibc", e).isEqualTo("errno " + e);
            } else {
                assertThat(ours).as("name of errno %d", e).isEqualTo(glibc);
            }
        }
    }

    @Test
    void supportedVersionCodeIsWhatTheHeadersCall417() throws Exception {
        // XEN_DOMCTL_INTERFACE_VERSION 0x15 is 4.17's; the guard's version code must agree.
        assertThat(LayoutProbe.get().constants.get("XEN_DOMCTL_INTERFACE_VERSION")).isEqualTo(0x15L);
        assertThat(XenLibraries.SUPPORTED_VERSION_CODE).isEqualTo(0x40011);
    }

    /** Bytes a Java field of a Structure occupies natively. */
    static int nativeSize(Field f, Structure owner) throws IllegalAccessException {
        Class<?> t = f.getType();
        Object value = f.get(owner);
        if (t.isArray()) {
            return Array.getLength(value) * primitiveSize(t.getComponentType());
        }
        if (Structure.class.isAssignableFrom(t)) {
            return ((Structure) value).size();
        }
        return primitiveSize(t);
    }

    private static int primitiveSize(Class<?> t) {
        if (t == byte.class) {
            return 1;
        } else if (t == short.class) {
            return 2;
        } else if (t == int.class) {
            return 4;
        } else if (t == long.class) {
            return 8;
        } else if (t == NativeLong.class) {
            return Native.LONG_SIZE;
        } else if (Pointer.class.isAssignableFrom(t) || PointerType.class.isAssignableFrom(t)
                || Callback.class.isAssignableFrom(t) || t == String.class) {
            return Native.POINTER_SIZE;
        }
        throw new IllegalArgumentException("no native size known for " + t);
    }
}
