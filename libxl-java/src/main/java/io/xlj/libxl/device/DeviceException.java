package io.xlj.libxl.device;

import java.util.ArrayList;
import java.util.List;

/**
 * A device could not be set up or removed. The message is libxl's text for the failure
 * (without libxl's "file:line:function:" prefix), e.g. {@code script: Could not find bridge
 * device xenbr9}. Where xlj knows them, {@link #libxlLines()} are the complete error lines
 * Debian's libxl 4.17 logs for the same failure, without the "libxl: error: " in front, e.g.
 * {@code libxl_disk.c:343:device_disk_add: Domain 5:device already exists in xenstore}.
 */
public class DeviceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** libxl_device.c device_addrm_aocomplete, when the device was never set up. */
    static final String ADD_FAILED_EARLY = "libxl_device.c:1486:device_addrm_aocomplete: unable to add device";

    private final List<String> libxlLines;

    public DeviceException(String message) {
        this(message, (Throwable) null);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
        this.libxlLines = List.of();
    }

    /** A failure with the lines libxl logs for it. */
    public DeviceException(String message, List<String> libxlLines, Throwable cause) {
        super(message, cause);
        this.libxlLines = List.copyOf(libxlLines);
    }

    public List<String> libxlLines() {
        return libxlLines;
    }

    /** This failure with one more libxl line after the others (none if it has no lines yet). */
    DeviceException thenLogged(String line) {
        if (libxlLines.isEmpty()) {
            return this;
        }
        List<String> l = new ArrayList<>(libxlLines);
        l.add(line);
        return new DeviceException(getMessage(), l, getCause() != null ? getCause() : this);
    }
}
