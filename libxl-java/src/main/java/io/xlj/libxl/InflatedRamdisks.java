package io.xlj.libxl;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gzip ramdisks, inflated once and kept for the next creates of this process (xljd creates
 * guests from the same few files again and again; libxenguest inflates a gzip module anew on
 * every build, ~70 ms of a create in the lab's emulated dom0).
 *
 * <p>What the guest gets must not change: libxenguest's xc_dom_build_module, for a module
 * that starts with gzip's magic, allocates the trailer's uncompressed size plus 16 bytes and
 * inflates the first member into it (the rest stays zero). {@link #of} hands out exactly
 * that image, which libxenguest then copies as it is (it starts with no gzip magic). Only
 * the plain case is served: one member that inflates to the trailer's size with a good CRC.
 * Anything else (and anything over {@value #MAX_BYTES} bytes) is left to libxenguest, which
 * then does with the file what it always does.
 *
 * <p>An entry is the file's identity (device, inode, size, mtime, ctime): a ramdisk replaced
 * or rewritten in place is inflated again.
 */
final class InflatedRamdisks {

    private static final Logger LOG = LoggerFactory.getLogger(InflatedRamdisks.class);

    /** The biggest image kept: the daemon's memory stays small (two of these at most). */
    static final int MAX_BYTES = 32 << 20;
    private static final int ENTRIES = 2;
    /** What xc_dom_check_gzip adds to the trailer's size. */
    static final int LIBXENGUEST_SLACK = 16;

    /** A module image for xc_dom_module_mem; the memory lives as long as someone holds this. */
    record Image(Memory memory, long size) {
    }

    private record Identity(String path, Object dev, Object ino, long size, Object mtime, Object ctime) {
    }

    private static final Map<Identity, Image> CACHE = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, Image> eldest) {
            return size() > ENTRIES;
        }
    };

    private InflatedRamdisks() {
    }

    /** The inflated image of a plain gzip ramdisk, or empty: hand libxenguest the file as before. */
    static synchronized Optional<Image> of(Path file) {
        Identity id;
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            id = new Identity(file.toAbsolutePath().toString(), a.get("dev"), a.get("ino"), (Long) a.get("size"),
                    a.get("lastModifiedTime"), a.get("ctime"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();   // libxenguest reports what is wrong with the file
        }
        Image cached = CACHE.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (id.size() < 18 || id.size() > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            Optional<Image> image = inflate(Files.readAllBytes(file));
            image.ifPresent(i -> CACHE.put(id, i));
            LOG.debug("{}: {}", file, image.map(i -> "inflated to " + i.size() + " bytes, kept")
                    .orElse("left to libxenguest"));
            return image;
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** RFC 1952, one member, inflated to the trailer's ISIZE; empty for anything else. */
    static Optional<Image> inflate(byte[] gz) {
        int n = gz.length;
        if (n < 18 || (gz[0] & 0xff) != 0x1f || (gz[1] & 0xff) != 0x8b || gz[2] != 8 || (gz[3] & 0xe0) != 0) {
            return Optional.empty();
        }
        long isize = le32(gz, n - 4);
        if (isize > MAX_BYTES) {
            return Optional.empty();
        }
        int flags = gz[3];
        int pos = 10;
        if ((flags & 4) != 0) {   // FEXTRA
            pos += 2 + (gz[pos] & 0xff | (gz[pos + 1] & 0xff) << 8);
        }
        for (int bit : new int[] {8, 16}) {   // FNAME, FCOMMENT: zero-terminated
            if ((flags & bit) != 0) {
                while (pos < n && gz[pos] != 0) {
                    pos++;
                }
                pos++;
            }
        }
        if ((flags & 2) != 0) {   // FHCRC
            pos += 2;
        }
        if (pos >= n - 8) {
            return Optional.empty();
        }
        byte[] out = new byte[(int) isize];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gz, pos, n - pos);
            int done = 0;
            while (done < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, done, out.length - done);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return Optional.empty();
                }
                done += got;
            }
            // The deflate stream must end exactly at the trailer, which must end the file.
            if (done != out.length || !inflater.finished() && inflater.inflate(new byte[1]) != 0
                    || !inflater.finished() || inflater.getRemaining() != 8) {
                return Optional.empty();
            }
        } catch (DataFormatException e) {
            return Optional.empty();
        } finally {
            inflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != le32(gz, n - 8) || isize >= 2 && (out[0] & 0xff) == 0x1f && (out[1] & 0xff) == 0x8b) {
            // A bad CRC fails zlib (libxenguest then copies the file raw); gzip inside gzip
            // would be inflated again by libxenguest from our image.
            return Optional.empty();
        }
        long size = isize + LIBXENGUEST_SLACK;
        Memory m = new Memory(size);
        m.write(0, out, 0, out.length);
        m.setMemory(isize, LIBXENGUEST_SLACK, (byte) 0);
        return Optional.of(new Image(m, size));
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
