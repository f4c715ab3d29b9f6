package io.xlj.libxl.device;

/**
 * A device could not be set up or removed. The message is libxl's text for the failure
 * (without libxl's "file:line:function:" prefix), e.g. {@code script: Could not find bridge
 * device xenbr9}.
 */
public class DeviceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
