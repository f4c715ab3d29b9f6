package io.xlj.libxl;

import java.util.UUID;

/** The xenstore paths libxl 4.17 uses for one domain. */
final class XsPaths {

    private XsPaths() {
    }

    static String dom(int domid) {
        return "/local/domain/" + domid;
    }

    static String vm(UUID uuid) {
        return "/vm/" + uuid;
    }

    static String libxl(int domid) {
        return "/libxl/" + domid;
    }

    /** Console 0's frontend is the domain's own {@code console} directory (libxl__device_frontend_path). */
    static String consoleFrontend(int domid) {
        return dom(domid) + "/console";
    }

    static String consoleBackend(int backendDomid, int domid) {
        return dom(backendDomid) + "/backend/console/" + domid + "/0";
    }

    static String consoleLibxl(int domid) {
        return libxl(domid) + "/device/console/0";
    }
}
