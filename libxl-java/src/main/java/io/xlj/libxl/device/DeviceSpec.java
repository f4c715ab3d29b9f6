package io.xlj.libxl.device;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PV device as libxl__device describes it, with the backend, frontend and read-only
 * frontend entries libxl writes for it, in libxl's order (the order of its flexarrays).
 *
 * @param kind        the frontend kind (vbd, vif)
 * @param backendKind the backend kind (vbd, qdisk, vif)
 */
public record DeviceSpec(DeviceKind kind, DeviceKind backendKind, int domid, int backendDomid, int devid,
                         Map<String, String> back, Map<String, String> front, Map<String, String> roFront) {

    public DeviceSpec {
        back = Collections.unmodifiableMap(new LinkedHashMap<>(back));
        front = Collections.unmodifiableMap(new LinkedHashMap<>(front));
        roFront = Collections.unmodifiableMap(new LinkedHashMap<>(roFront));
    }

    /** libxl__device_frontend_path. */
    public String frontendPath() {
        return frontendPath(kind, domid, devid);
    }

    /** libxl__device_backend_path. */
    public String backendPath() {
        return "/local/domain/" + backendDomid + "/backend/" + backendKind.xsName() + "/" + domid + "/" + devid;
    }

    /** libxl__device_libxl_path. */
    public String libxlPath() {
        return libxlPath(kind, domid, devid);
    }

    /** XENBUS_PATH for the hotplug scripts: the backend path relative to the backend domain's home. */
    public String xenbusPath() {
        return "backend/" + backendKind.xsName() + "/" + domid + "/" + devid;
    }

    public static String frontendPath(DeviceKind kind, int domid, int devid) {
        return "/local/domain/" + domid + "/device/" + kind.xsName() + "/" + devid;
    }

    public static String libxlPath(DeviceKind kind, int domid, int devid) {
        return "/libxl/" + domid + "/device/" + kind.xsName() + "/" + devid;
    }

    /**
     * The device an existing backend path describes (for removal): kind and ids from the
     * path {@code /local/domain/B/backend/KIND/D/N}, no entries. Null if it is not such a path.
     */
    public static DeviceSpec fromBackendPath(DeviceKind kind, String backendPath) {
        String[] p = backendPath.split("/");
        // "", local, domain, B, backend, KIND, D, N
        if (p.length != 8 || !p[1].equals("local") || !p[2].equals("domain") || !p[4].equals("backend")) {
            return null;
        }
        DeviceKind backendKind = null;
        for (DeviceKind k : DeviceKind.values()) {
            if (k.xsName().equals(p[5])) {
                backendKind = k;
            }
        }
        try {
            if (backendKind == null) {
                return null;
            }
            return new DeviceSpec(kind, backendKind, Integer.parseInt(p[6]), Integer.parseInt(p[3]),
                    Integer.parseInt(p[7]), java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A short name for messages: "vbd 51712 of domain 3". */
    public String describe() {
        return kind.xsName() + " " + devid + " of domain " + domid;
    }
}
