package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every function bound in the io.xlj.xen interfaces resolves in Debian's real libraries
 * and is defined by the library its interface names (checked with dladdr, because dlsym
 * on a handle also finds symbols of the library's dependencies).
 */
class SymbolTest {

    /** glibc's {@code Dl_info}. */
    @Structure.FieldOrder({"dli_fname", "dli_fbase", "dli_sname", "dli_saddr"})
    public static class Dl_info extends Structure {
        public String dli_fname;
        public Pointer dli_fbase;
        public String dli_sname;
        public Pointer dli_saddr;
    }

    interface Dl extends Library {
        int dladdr(Pointer addr, Dl_info info);
    }

    private static final Dl DL = Native.load("libc.so.6", Dl.class);

    static final List<Class<? extends Library>> BINDINGS = List.of(XenCtrlLibrary.class, XenGuestLibrary.class,
            XenToolLogLibrary.class, XenHostQueries.Lib.class);

    @Test
    void theDirectlyMappedFunctionsResolve() throws Exception {
        // Native.register binds every native method of the class when it is initialised, or throws.
        Class.forName(XenCtrlDirect.class.getName(), true, XenCtrlDirect.class.getClassLoader());
    }

    @Test
    void everyBoundFunctionIsDefinedInItsOwnLibrary() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<? extends Library> binding : BINDINGS) {
            String soname = (String) binding.getField("SONAME").get(null);
            NativeLibrary lib = NativeLibrary.getInstance(soname);
            for (Method m : binding.getDeclaredMethods()) {
                if (m.isSynthetic() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                checked++;
                Function f;
                try {
                    f = lib.getFunction(m.getName());
                } catch (UnsatisfiedLinkError e) {
                    problems.add(binding.getSimpleName() + "." + m.getName() + ": not found in " + soname);
                    continue;
                }
                Dl_info info = new Dl_info();
                if (DL.dladdr(f, info) == 0) {
                    problems.add(m.getName() + ": dladdr knows no library for it");
                    continue;
                }
                String definedIn = Path.of(info.dli_fname).getFileName().toString();
                if (!definedIn.equals(soname)) {
                    problems.add(m.getName() + ": bound in " + binding.getSimpleName() + " (" + soname
                            + ") but defined in " + definedIn);
                }
                if (!m.getName().equals(info.dli_sname)) {
                    problems.add(m.getName() + ": resolves to symbol " + info.dli_sname);
                }
            }
        }
        assertThat(checked).as("functions checked").isGreaterThan(50);
        if (!problems.isEmpty()) {
            fail("bindings that do not match Debian's libraries:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void cpuidPolicyIsExportedByLibxenguestNotLibxenctrl() {
        // Declared in xenctrl.h, but the 4.17 libxenctrl does not export it.
        NativeLibrary ctrl = NativeLibrary.getInstance(XenCtrlLibrary.SONAME);
        assertThatThrownBy(() -> ctrl.getFunction("xc_cpuid_apply_policy")).isInstanceOf(UnsatisfiedLinkError.class);
        assertThat(NativeLibrary.getInstance(XenGuestLibrary.SONAME).getFunction("xc_cpuid_apply_policy")).isNotNull();
    }
}
