package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The simple0 format as pygrub writes it ({@code format_simple(kernel, ramdisk, args, "\0")}:
 * "kernel K\0", "ramdisk R\0" if any, "args A\0" if any, then one more "\0") and as libxl
 * 4.17's {@code parse_bootloader_result} reads it.
 */
class BootloaderOutputTest {

    private static BootloaderOutput parse(String text) {
        return BootloaderOutput.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void pygrubsFullAnswer() {
        BootloaderOutput o = parse("kernel /var/lib/xen/bootloader.5.d/boot_kernel.n_9tyaz_\0"
                + "ramdisk /var/lib/xen/bootloader.5.d/boot_ramdisk.mcqgsqk0\0"
                + "args console=hvc0 rdinit=/init\0\0");
        assertThat(o.kernel()).isEqualTo("/var/lib/xen/bootloader.5.d/boot_kernel.n_9tyaz_");
        assertThat(o.ramdisk()).isEqualTo("/var/lib/xen/bootloader.5.d/boot_ramdisk.mcqgsqk0");
        assertThat(o.args()).isEqualTo("console=hvc0 rdinit=/init");
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void aKernelAloneLeavesNoRamdiskAndNoCommandLine() {
        BootloaderOutput o = parse("kernel /k\0\0");
        assertThat(o.kernel()).isEqualTo("/k");
        assertThat(o.ramdisk()).isNull();
        assertThat(o.args()).isNull();
    }

    @Test
    void whitespaceAfterTheKeywordIsDroppedButNotWithinOrAfterTheValue() {
        BootloaderOutput o = parse("kernel \t /k x \0args  a  b \0");
        assertThat(o.kernel()).isEqualTo("/k x ");
        assertThat(o.args()).isEqualTo("a  b ");
    }

    @Test
    void aKeywordGluedToItsValueOrAloneIsNotThatKeyword() {
        BootloaderOutput o = parse("kernel/k\0kernel\0ramdisks /r\0");
        assertThat(o.kernel()).isNull();
        assertThat(o.ramdisk()).isNull();
        assertThat(o.warnings()).containsExactly("unexpected output from bootloader: `kernel/k'",
                "unexpected output from bootloader: `kernel'", "unexpected output from bootloader: `ramdisks /r'");
    }

    @Test
    void theLastItemOfAKeywordWins() {
        assertThat(parse("kernel /a\0kernel /b\0").kernel()).isEqualTo("/b");
    }

    @Test
    void emptyItemsAndEmptyOutputSayNothing() {
        BootloaderOutput o = parse("\0\0\0");
        assertThat(o.kernel()).isNull();
        assertThat(o.warnings()).isEmpty();
        assertThat(parse("").kernel()).isNull();
    }

    @Test
    void anItemWithoutItsFinalNulStillCounts() {
        assertThat(parse("kernel /a\0args x").args()).isEqualTo("x");
    }

    @Test
    void anOverlyLongItemIsSkippedWithLibxlsWarning() {
        String longPath = "/" + "p".repeat(BootloaderOutput.MAX_ITEM);
        BootloaderOutput o = parse("kernel " + longPath + "\0ramdisk /r\0");
        assertThat(o.kernel()).isNull();
        assertThat(o.ramdisk()).isEqualTo("/r");
        assertThat(o.warnings()).containsExactly(
                "bootloader output contained overly long item `" + ("kernel " + longPath).substring(0, 150) + "...'");
        // One byte less fits libxl's buffer with its NUL.
        String fits = "kernel /" + "p".repeat(BootloaderOutput.MAX_ITEM - 9);
        assertThat(parse(fits + "\0").kernel()).hasSize(BootloaderOutput.MAX_ITEM - 8);
    }

    @Test
    void bytesComeBackByteForByte() {
        byte[] out = {'k', 'e', 'r', 'n', 'e', 'l', ' ', '/', (byte) 0xe9, 0};
        assertThat(BootloaderOutput.parse(out).kernel().getBytes(StandardCharsets.ISO_8859_1))
                .containsExactly('/', (byte) 0xe9);
    }
}
