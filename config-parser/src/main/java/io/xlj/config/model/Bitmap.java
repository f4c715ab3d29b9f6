package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;
import java.util.BitSet;

/**
 * libxl_bitmap: {@code size} bytes of bits. Bits at or beyond {@code size * 8} do not
 * exist: setting them is silently ignored, as libxl_bitmap_set does. In JSON it is the
 * array of the indices of its set bits; it counts as default (omitted) when no bit is set.
 *
 * @param size  the size in bytes (libxl_bitmap.size)
 * @param bits  the set bits; never contains an index {@code >= size * 8}
 */
public record Bitmap(int size, BitSet bits) implements LibxlJson {

    public Bitmap {
        if (size < 0) {
            throw new IllegalArgumentException("bitmap size " + size);
        }
        bits = (BitSet) bits.clone();
        if (bits.length() > size * 8) {
            bits.clear(size * 8, bits.length());
        }
    }

    /** An allocated bitmap for {@code nBits} bits with none set (libxl_bitmap_alloc). */
    public static Bitmap alloc(int nBits) {
        return new Bitmap((nBits + 7) / 8, new BitSet());
    }

    /** The unallocated bitmap (libxl_bitmap_init): size 0. */
    public static Bitmap empty() {
        return new Bitmap(0, new BitSet());
    }

    @Override
    public BitSet bits() {
        return (BitSet) bits.clone();
    }

    public boolean test(int bit) {
        return bit >= 0 && bit < size * 8 && bits.get(bit);
    }

    /** libxl_bitmap_is_empty: no bit set (the IDL's default check). */
    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public Builder toBuilder() {
        return new Builder(size, bits);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginArray();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            w.value(i);
        }
        w.endArray();
    }

    /** A bitmap being filled in, with libxl's set/reset/set_any semantics. */
    public static final class Builder {
        private final int size;
        private final BitSet bits;

        public Builder(int size, BitSet bits) {
            this.size = size;
            this.bits = (BitSet) bits.clone();
        }

        public static Builder alloc(int nBits) {
            return new Builder((nBits + 7) / 8, new BitSet());
        }

        public int size() {
            return size;
        }

        /** libxl_bitmap_set: ignored outside the bitmap. */
        public Builder set(long bit) {
            if (bit >= 0 && bit < size * 8L) {
                bits.set((int) bit);
            }
            return this;
        }

        /** libxl_bitmap_reset: ignored outside the bitmap. */
        public Builder reset(long bit) {
            if (bit >= 0 && bit < size * 8L) {
                bits.clear((int) bit);
            }
            return this;
        }

        /** libxl_bitmap_set_any: every bit of every byte. */
        public Builder setAny() {
            bits.set(0, size * 8);
            return this;
        }

        public Builder setNone() {
            bits.clear();
            return this;
        }

        public boolean test(long bit) {
            return bit >= 0 && bit < size * 8L && bits.get((int) bit);
        }

        public Bitmap build() {
            return new Bitmap(size, bits);
        }
    }
}
