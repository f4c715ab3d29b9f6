package io.xlj.config;

import java.util.function.Consumer;

/**
 * The outcome of a libxlutil-style getter: the value, or the errno the C
 * function would have returned ({@link Errno#ESRCH} when the key is absent,
 * {@link Errno#EINVAL} or {@link Errno#ERANGE} when it is unusable; the
 * warning, if any, has already been reported).
 */
public record Lookup<T>(int error, T value) {

    public static <T> Lookup<T> of(T value) {
        return new Lookup<>(0, value);
    }

    public static <T> Lookup<T> fail(int error) {
        return new Lookup<>(error, null);
    }

    /** True when the getter returned 0 (C's {@code if (!xlu_cfg_get_...)}). */
    public boolean ok() {
        return error == 0;
    }

    /** True when the key is not set at all (ESRCH). */
    public boolean missing() {
        return error == Errno.ESRCH;
    }

    public T orElse(T other) {
        return error == 0 ? value : other;
    }

    public void ifOk(Consumer<? super T> action) {
        if (error == 0) action.accept(value);
    }
}
