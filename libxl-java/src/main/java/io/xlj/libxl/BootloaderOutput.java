package io.xlj.libxl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bootloader chose, read from the file it was given with {@code --output=} in the
 * {@code simple0} format (pygrub's {@code format_simple} with a NUL separator): items
 * {@code kernel PATH}, {@code ramdisk PATH}, {@code args TEXT}, each ended by a NUL, an
 * empty item at the end. libxl 4.17 reads it in {@code parse_bootloader_result}; this is the
 * same reading:
 * <ul>
 * <li>an item is a keyword, at least one whitespace character, then the value with its
 * leading whitespace dropped (a keyword glued to its value, "kernelX", is not that keyword);
 * <li>a later item of the same keyword wins;
 * <li>items of {@code PATH_MAX*2} bytes or more are skipped with a warning, other unknown
 * non-empty items are skipped with a warning;
 * <li>text after the last NUL counts as an item too (a bootloader that forgot the final NUL).
 * </ul>
 * Bytes are taken as ISO-8859-1, so paths come back byte for byte.
 *
 * @param kernel  the extracted kernel's path, or null when the bootloader named none
 * @param ramdisk the extracted ramdisk's path, or null
 * @param args    the kernel command line, or null (libxl then boots with no command line)
 * @param warnings libxl's warning texts ({@code LOGD(WARN, ...)}) without their prefix
 */
record BootloaderOutput(String kernel, String ramdisk, String args, List<String> warnings) {

    /** libxl's {@code char buf[PATH_MAX*2]}: an item must fit with its NUL. */
    static final int MAX_ITEM = 4096 * 2;

    BootloaderOutput {
        warnings = List.copyOf(warnings);
    }

    static BootloaderOutput parse(byte[] output) {
        String kernel = null;
        String ramdisk = null;
        String args = null;
        List<String> warnings = new ArrayList<>();
        int start = 0;
        while (start < output.length) {
            int end = start;
            while (end < output.length && output[end] != 0) {
                end++;
            }
            int length = end - start;
            String item = new String(output, start, length, StandardCharsets.ISO_8859_1);
            start = end + 1;
            if (length >= MAX_ITEM) {
                warnings.add("bootloader output contained overly long item `" + item.substring(0, 150) + "...'");
                continue;
            }
            String value;
            if ((value = valueOf(item, "kernel")) != null) {
                kernel = value;
            } else if ((value = valueOf(item, "ramdisk")) != null) {
                ramdisk = value;
            } else if ((value = valueOf(item, "args")) != null) {
                args = value;
            } else if (length > 0) {
                warnings.add("unexpected output from bootloader: `" + item + "'");
            }
        }
        return new BootloaderOutput(kernel, ramdisk, args, warnings);
    }

    /** {@code bootloader_result_command}: the value after "keyword" and its whitespace, or null. */
    private static String valueOf(String item, String keyword) {
        if (!item.startsWith(keyword) || item.length() == keyword.length()
                || !isCSpace(item.charAt(keyword.length()))) {
            return null;
        }
        int i = keyword.length();
        while (i < item.length() && isCSpace(item.charAt(i))) {
            i++;
        }
        return item.substring(i);
    }

    /** C's isspace in the C locale. */
    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
