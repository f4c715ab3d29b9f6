package io.xlj.lab.dom0;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The lab's test guest (PV, the image's test kernel and busybox initramfs) as a set of files
 * in dom0: its xl config and, optionally, a raw disk carrying a marker and a vif on xenbr0.
 * The guest's /init prints {@code XLJ-GUEST: ...} markers that xenconsoled logs.
 */
final class TestGuest {

    static final String STOCK_XL = "/usr/lib/xen-4.17/bin/xl";
    static final Path KERNEL = Path.of("/usr/share/xlj-lab/guest/vmlinux");
    static final Path INITRD = Path.of("/usr/share/xlj-lab/guest/initrd.img");
    static final Path CONSOLE_LOG_DIR = Path.of("/var/log/xen/console");
    /** The guest writes "XLJ-DISK-OUT marker" at this offset of xvda (sector 8). */
    static final int DISK_OUT_OFFSET = 4096;
    /**
     * Bound for `xl create`. Generous: under QEMU TCG on a busy host the first create (a
     * 66 MB kernel read from the snapshot disk and loaded) took over 2 minutes.
     */
    static final Duration CREATE = Duration.ofMinutes(5);

    final String name;
    final Path dir;
    final Path config;
    final Optional<Path> disk;
    final Optional<String> ip;
    private String readyConsole;
    private AssertionError notReady;

    private TestGuest(String name, Path dir, Path config, Optional<Path> disk, Optional<String> ip) {
        this.name = name;
        this.dir = dir;
        this.config = config;
        this.disk = disk;
        this.ip = ip;
    }

    /** A guest with no devices. */
    static TestGuest minimal(String name) {
        return write(name, null, null, List.of());
    }

    /** A guest with no disk and no vif, and these lines added to its config. */
    static TestGuest minimal(String name, List<String> moreConfig) {
        return write(name, null, null, moreConfig);
    }

    /** A guest with an 8 MiB raw file disk whose first line is "XLJ-DISK-IN diskMarker" and a vif. */
    static TestGuest withDiskAndVif(String name, String diskMarker, String ip) {
        return write(name, diskMarker, ip, List.of());
    }

    private static TestGuest write(String name, String diskMarker, String ip, List<String> moreConfig) {
        try {
            Path dir = Files.createTempDirectory("xlj-guest-" + name);
            List<String> cfg = new ArrayList<>(List.of(
                    "name = \"" + name + "\"",
                    "type = \"pv\"",
                    "kernel = \"" + KERNEL + "\"",
                    "ramdisk = \"" + INITRD + "\"",
                    "extra = \"console=hvc0 rdinit=/init" + (ip == null ? "" : " xljlab.ip=" + ip + "/24") + "\"",
                    "memory = 128",
                    "vcpus = 1",
                    "on_poweroff = \"destroy\"",
                    "on_crash = \"destroy\""));
            Path disk = null;
            if (diskMarker != null) {
                disk = markedDisk(dir.resolve("disk.img"), diskMarker);
                cfg.add("disk = [ \"format=raw,vdev=xvda,access=rw,target=" + disk + "\" ]");
            }
            if (ip != null) {
                cfg.add("vif = [ \"bridge=xenbr0\" ]");
            }
            cfg.addAll(moreConfig);
            Path config = dir.resolve(name + ".cfg");
            Files.write(config, cfg);
            TestGuest guest = new TestGuest(name, dir, config, Optional.ofNullable(disk), Optional.ofNullable(ip));
            // xenconsoled appends to the log of a name: a guest of an earlier run (a suite rerun after
            // the launcher's JVM crashed) must not answer for this one.
            Files.deleteIfExists(guest.consoleLog());
            return guest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test guest " + name, e);
        }
    }

    /** An 8 MiB raw image whose first line is "XLJ-DISK-IN marker", which the guest reads back. */
    static Path markedDisk(Path disk, String marker) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(8L << 20);
            f.write(("XLJ-DISK-IN " + marker + "\n").getBytes(StandardCharsets.US_ASCII));
            // The guest reads the disk through blkback: the bytes must be on it first.
            f.getFD().sync();
        }
        return disk;
    }

    /** The 512 bytes at a guest's write-back offset of {@code disk}, as text without NULs. */
    static String diskWriteBack(Path disk) {
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "r")) {
            byte[] b = new byte[512];
            f.seek(DISK_OUT_OFFSET);
            f.readFully(b);
            return new String(b, StandardCharsets.US_ASCII).replace("\0", "").trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + disk, e);
        }
    }

    /** Dom0 pings {@code addr} over xenbr0; a few tries, as its ARP entry may still be settling. */
    static void assertDom0Pings(String addr) {
        ExecResult ping = null;
        for (int i = 0; i < 5 && (ping == null || ping.exitCode() != 0); i++) {
            ping = Exec.run(Duration.ofSeconds(15), "busybox", "ping", "-c", "1", "-W", "2", addr);
        }
        ping.assertSuccess();
    }

    Path consoleLog() {
        return CONSOLE_LOG_DIR.resolve("guest-" + name + ".log");
    }

    String console() {
        try {
            return Files.exists(consoleLog()) ? Files.readString(consoleLog(), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + consoleLog(), e);
        }
    }

    /** How many times the console log holds {@code marker} (boots and readies after restarts). */
    int consoleCount(String marker) {
        String log = console();
        int n = 0;
        for (int i = log.indexOf(marker); i >= 0; i = log.indexOf(marker, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits until the console log holds the marker; returns the whole log. */
    String awaitConsole(String marker, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            String log = console();
            if (log.contains(marker)) {
                return log;
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("guest " + name + ": no '" + marker + "' on its console within "
                        + timeout + "; " + consoleLog() + " holds:\n" + log);
            }
            sleep(Duration.ofMillis(300));
        }
    }

    /**
     * The console once the guest said "ready", waited for once: a guest that never got there
     * (or whose create failed, see {@link #neverReady}) fails every later call at once instead
     * of making each test wait out the boot timeout again.
     */
    String awaitReady(Duration timeout) {
        if (readyConsole == null && notReady == null) {
            try {
                readyConsole = awaitConsole("XLJ-GUEST: ready", timeout);
            } catch (AssertionError e) {
                notReady = e;
            }
        }
        if (notReady != null) {
            throw notReady;
        }
        return readyConsole;
    }

    /** The guest will not boot (its create failed): later {@link #awaitReady} calls fail fast. */
    void neverReady(String why) {
        notReady = new AssertionError(why);
    }

    /** Dom0 pings the guest over xenbr0; a few tries, as its ARP entry may still be settling. */
    void assertDom0PingsIt() {
        assertDom0Pings(ip.orElseThrow(() -> new IllegalStateException(name + " has no vif")));
    }

    /** The 512 bytes at the guest's write-back offset, as text without NULs. */
    String diskWriteBack() {
        return diskWriteBack(disk.orElseThrow(() -> new IllegalStateException(name + " has no disk")));
    }

    /** Skips a suite when dom0 lacks xlj's distribution or Xen's own xl. */
    static void assumeBothXls() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(XljPvLifecycleTest.XLJ)),
                "no xlj distribution at " + XljPvLifecycleTest.XLJ);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(STOCK_XL)), "no stock xl");
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls {@code done} every half second; fails with "no WHAT within TIMEOUT" when it stays false. */
    static void await(String what, Duration timeout, BooleanSupplier done) {
        Instant end = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** Names in the first column of `xl list` (stock xl), without the header. */
    static List<String> stockXlListNames() {
        ExecResult r = Exec.run(Duration.ofSeconds(30), STOCK_XL, "list").assertSuccess();
        return r.stdout().lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
    }

    /** Domain ids in the second column of `xl list` (stock xl). */
    static List<Integer> stockXlListDomids() {
        ExecResult r = Exec.run(Duration.ofSeconds(30), STOCK_XL, "list").assertSuccess();
        return r.stdout().lines().skip(1).map(l -> Integer.parseInt(l.trim().split("\\s+")[1])).toList();
    }

    /** Destroys the domain with stock xl if it still exists; for clean-up after failures. */
    void destroyQuietly() {
        if (stockXlListNames().contains(name)) {
            Exec.run(Duration.ofSeconds(60), STOCK_XL, "destroy", name);
        }
    }
}
