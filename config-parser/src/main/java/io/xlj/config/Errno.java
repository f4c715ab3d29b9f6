package io.xlj.config;

/** The Linux errno values libxlutil returns, and glibc's strerror texts for them. */
public final class Errno {
    private Errno() {}

    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EIO = 5;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ERANGE = 34;

    /** glibc's strerror() text for the errno values this project meets. */
    public static String strerror(int errno) {
        return switch (errno) {
            case 0 -> "Success";
            case ENOENT -> "No such file or directory";
            case ESRCH -> "No such process";
            case EIO -> "Input/output error";
            case ENOMEM -> "Cannot allocate memory";
            case EACCES -> "Permission denied";
            case EISDIR -> "Is a directory";
            case EINVAL -> "Invalid argument";
            case ERANGE -> "Numerical result out of range";
            default -> "Unknown error " + errno;
        };
    }
}
