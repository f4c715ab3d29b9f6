package io.xlj.libxl.device;

/**
 * libxl's virtual disk name to device number mapping (xen-vbd-interface(7), as
 * libxl__device_disk_dev_number computes it): {@code xvdX[N]} and {@code dDpP} to 202 / the
 * extended form, a plain number as itself, {@code hdX[N]} to IDE majors 3/22, {@code sdX[N]}
 * to SCSI major 8. -1 for anything else.
 */
public final class VdevNumber {

    public static final int INVALID = -1;

    private VdevNumber() {
    }

    /** A device number with the disk index and partition it names. */
    public record Disk(int number, int disk, int partition) {
    }

    /** The device number of {@code vdev}, or {@link #INVALID}. */
    public static int of(String vdev) {
        if (vdev == null) {
            return INVALID;
        }
        Long plain = CNum.strtoulWhole(vdev);
        if (plain != null && plain <= Integer.MAX_VALUE) {
            // Neither a dDpP nor an xvd name can read as a number: the order of the forms is moot.
            return plain.intValue();
        }
        Disk d = disk(vdev);
        return d == null ? INVALID : d.number();
    }

    /**
     * libxl__device_disk_dev_number asked for the disk and partition too: null where it
     * returns -1, which includes a plain number (libxl does not decode one into a disk).
     */
    public static Disk disk(String vdev) {
        if (vdev == null) {
            return null;
        }
        int[] dp = dForm(vdev);
        if (dp == null) {
            dp = matches(vdev, "xvd", (1 << 20) - 1, 255);
        }
        if (dp != null) {
            int disk = dp[0];
            int partition = dp[1];
            if (disk <= 15 && partition <= 15) {
                return new Disk((202 << 8) | (disk << 4) | partition, disk, partition);
            }
            return new Disk((1 << 28) | (disk << 8) | partition, disk, partition);
        }
        // A plain number (which libxl does not decode into a disk) matches neither hd nor sd.
        dp = matches(vdev, "hd", 3, 63);
        if (dp != null) {
            return new Disk(((dp[0] < 2 ? 3 : 22) << 8) | ((dp[0] & 1) << 6) | dp[1], dp[0], dp[1]);
        }
        dp = matches(vdev, "sd", 15, 15);
        if (dp != null) {
            return new Disk((8 << 8) | (dp[0] << 4) | dp[1], dp[0], dp[1]);
        }
        return null;
    }

    /**
     * The {@code sscanf("d%ip%i%n")} form: both numbers in C's %i syntax (sign, 0x, leading 0
     * octal), the whole string consumed, disk < 2^20 and partition < 256.
     */
    private static int[] dForm(String s) {
        if (!s.startsWith("d")) {
            return null;
        }
        CNum.Parsed disk = CNum.scanI(s, 1);
        if (disk == null || disk.end() >= s.length() || s.charAt(disk.end()) != 'p') {
            return null;
        }
        CNum.Parsed part = CNum.scanI(s, disk.end() + 1);
        if (part == null || part.end() != s.length()) {
            return null;
        }
        int d = (int) disk.value();
        int p = (int) part.value();
        if (d < (1 << 20) && p < 256) {
            return new int[] {d, p};
        }
        return null;
    }

    /** device_virtdisk_matches: prefix, drive letters as base 26 "digits" a-z, optional partition. */
    private static int[] matches(String s, String prefix, int maxIndex, int maxPartition) {
        if (!s.startsWith(prefix)) {
            return null;
        }
        long index = -1;
        int i = prefix.length();
        while (i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
            index = (index + 1) * 26 + (s.charAt(i) - 'a');
            if (index > maxIndex) {
                return null;
            }
            i++;
        }
        // libxl does not insist on a letter: "xvd" alone is disk -1, which the callers' range
        // arithmetic turns into a number; keep that quirk.
        if (i == s.length()) {
            return new int[] {(int) index, 0};
        }
        if (s.charAt(i) == '0') {
            return null;
        }
        CNum.Parsed p = CNum.strtoulDecimal(s, i);
        if (p == null || p.end() != s.length() || p.value() > maxPartition) {
            return null;
        }
        return new int[] {(int) index, (int) p.value()};
    }
}
