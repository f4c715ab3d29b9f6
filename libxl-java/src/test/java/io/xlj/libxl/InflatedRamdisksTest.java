package io.xlj.libxl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image {@link InflatedRamdisks} hands libxenguest must be what xc_dom_build_module would
 * have made of the file (the inflated bytes, then 16 zero bytes: xc_dom_check_gzip's
 * allowance), and anything but a plain single-member gzip must be left to libxenguest.
 * Inputs come from the gzip program (with its name header) and from Java's writer.
 */
class InflatedRamdisksTest {

    @TempDir
    Path dir;

    private static byte[] payload(long seed, int size) {
        Random r = new Random(seed);
        byte[] b = new byte[size];
        // Compressible, like a cpio archive: runs of a few byte values.
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : 'a' + (i / 64) % 4);
        }
        return b;
    }

    private static byte[] javaGzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private byte[] gzipProgram(byte[] data) throws Exception {
        Path f = dir.resolve("initrd.cpio");
        Files.write(f, data);
        // -n off: the header carries the file name (FNAME), as an admin's gzip makes it.
        Process p = new ProcessBuilder("gzip", "-k", "-f", f.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return Files.readAllBytes(dir.resolve("initrd.cpio.gz"));
    }

    private static void assertImage(Optional<InflatedRamdisks.Image> image, byte[] data) {
        assertThat(image).isPresent();
        InflatedRamdisks.Image i = image.get();
        assertThat(i.size()).isEqualTo(data.length + InflatedRamdisks.LIBXENGUEST_SLACK);
        byte[] expected = Arrays.copyOf(data, data.length + InflatedRamdisks.LIBXENGUEST_SLACK);
        assertThat(i.memory().getByteArray(0, (int) i.size())).isEqualTo(expected);
    }

    @Test
    void aPlainGzipBecomesItsContentAndLibxenguestsSixteenZeroBytes() throws Exception {
        for (int size : new int[] {0, 1, 4096, 300_000}) {
            byte[] data = payload(size, size);
            assertImage(InflatedRamdisks.inflate(javaGzip(data)), data);
            assertImage(InflatedRamdisks.inflate(gzipProgram(data)), data);
        }
    }

    @Test
    void whatLibxenguestWouldTreatOtherwiseIsLeftToIt() throws Exception {
        byte[] data = payload(7, 50_000);
        byte[] gz = javaGzip(data);
        // Not gzip at all (a zstd or uncompressed initrd): libxenguest copies it as it is.
        assertThat(InflatedRamdisks.inflate(data)).isEmpty();
        // Two members: zlib stops after the first, libxenguest sizes by the last trailer.
        byte[] two = new byte[gz.length * 2];
        System.arraycopy(gz, 0, two, 0, gz.length);
        System.arraycopy(gz, 0, two, gz.length, gz.length);
        assertThat(InflatedRamdisks.inflate(two)).isEmpty();
        // A bad CRC: zlib fails, libxenguest falls back to the raw bytes.
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        assertThat(InflatedRamdisks.inflate(badCrc)).isEmpty();
        // A trailer size that does not match the stream.
        byte[] badSize = gz.clone();
        badSize[gz.length - 4] ^= 1;
        assertThat(InflatedRamdisks.inflate(badSize)).isEmpty();
        // Truncated.
        assertThat(InflatedRamdisks.inflate(Arrays.copyOf(gz, gz.length - 20))).isEmpty();
        // gzip inside gzip: libxenguest would inflate our image again.
        assertThat(InflatedRamdisks.inflate(javaGzip(gz))).isEmpty();
    }

    @Test
    void aRewrittenFileIsInflatedAgain() throws Exception {
        Path f = dir.resolve("initrd.gz");
        byte[] first = payload(1, 10_000);
        Files.write(f, javaGzip(first));
        assertImage(InflatedRamdisks.of(f), first);
        assertThat(InflatedRamdisks.of(f).get()).as("kept").isSameAs(InflatedRamdisks.of(f).get());
        byte[] second = payload(2, 12_000);
        Files.write(f, javaGzip(second));
        assertImage(InflatedRamdisks.of(f), second);
        assertThat(InflatedRamdisks.of(dir.resolve("missing.gz"))).isEmpty();
    }
}
