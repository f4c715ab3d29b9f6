package io.xlj.config.spec;

/**
 * Where xl's parse messages go: libxlutil's report stream ({@code XLU_Config.report},
 * stderr for xl) or xl's own {@code fprintf(stderr, ...)}. Each call passes one complete
 * message including its trailing newline, so that callers can interleave them with other
 * output exactly as xl does.
 */
@FunctionalInterface
public interface Diagnostics {

    void print(String text);

    /** Discards everything (for callers that only want the parsed value). */
    Diagnostics NONE = text -> { };
}
