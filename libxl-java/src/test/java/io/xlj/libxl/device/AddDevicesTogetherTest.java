package io.xlj.libxl.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.spec.Diagnostics;
import io.xlj.config.spec.DiskSpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeviceXenstore#addAllIfAbsent} writes a kind's devices in one transaction; on
 * Debian's real C xenstored it must leave the tree that libxl's one transaction per device
 * ({@link DeviceXenstore#addIfAbsent} each) leaves, and write nothing when one device's
 * backend is there already or two devices share one (a vdev given twice).
 */
class AddDevicesTogetherTest extends OnRealXenstored {

    @TempDir
    Path dir;

    private List<DeviceSpec> disks(int domid, String... vdevs) throws Exception {
        List<DeviceSpec> specs = new java.util.ArrayList<>();
        for (String vdev : vdevs) {
            Path img = dir.resolve(domid + "-" + vdev + "-" + specs.size() + ".img");
            Files.write(img, new byte[4096]);
            specs.add(DiskDevices.resolve(DiskSpecParser.parse("test.cfg",
                    "format=raw,vdev=" + vdev + ",access=rw,target=" + img, Diagnostics.NONE), domid, null).spec());
        }
        return specs;
    }

    @Test
    void oneTransactionLeavesTheTreeOfOnePerDevice() throws Exception {
        for (DeviceSpec d : disks(11, "xvda", "xvdb", "hdc")) {
            assertThat(DeviceXenstore.addIfAbsent(xs, d)).isTrue();
        }
        assertThat(DeviceXenstore.addAllIfAbsent(xs, disks(12, "xvda", "xvdb", "hdc"))).isEmpty();

        for (String root : List.of("/local/domain/%d/device", "/local/domain/0/backend/vbd/%d", "/libxl/%d")) {
            TreeMap<String, String> perDevice = tree(root.formatted(11), 11);
            assertThat(perDevice).as(root).hasSizeGreaterThan(3 * 5);
            assertThat(tree(root.formatted(12), 12)).as(root).isEqualTo(perDevice);
        }
    }

    @Test
    void aBackendThatIsThereAlreadyIsAnsweredAndNothingIsWritten() throws Exception {
        List<DeviceSpec> first = disks(13, "xvdb");
        assertThat(DeviceXenstore.addIfAbsent(xs, first.get(0))).isTrue();
        List<DeviceSpec> again = disks(13, "xvda", "xvdb");

        assertThat(DeviceXenstore.addAllIfAbsent(xs, again)).contains(again.get(1));
        assertThat(xs.readOptional(again.get(0).backendPath())).isEmpty();
        assertThat(xs.readOptional(again.get(0).frontendPath())).isEmpty();
    }

    @Test
    void aVdevGivenTwiceIsAnsweredAndNothingIsWritten() throws Exception {
        List<DeviceSpec> twice = disks(14, "xvda", "xvda");

        assertThat(DeviceXenstore.addAllIfAbsent(xs, twice)).contains(twice.get(1));
        assertThat(xs.readOptional("/local/domain/0/backend/vbd/14")).isEmpty();
        assertThat(xs.readOptional("/libxl/14")).isEmpty();
    }

    /** Every node below {@code root} with its value and permissions, the domid and image paths made the same. */
    private static TreeMap<String, String> tree(String root, int domid) {
        TreeMap<String, String> out = new TreeMap<>();
        walk(root, "", domid, out);
        return out;
    }

    private static void walk(String root, String rel, int domid, TreeMap<String, String> out) {
        String value = xs.read(root + rel).replaceAll("(?<=^|/)" + domid + "(?=/|$)", "D")
                .replaceAll(domid + "-(\\w+)-\\d+\\.img", "IMG-$1");
        out.put(rel.isEmpty() ? "/" : rel, value + " " + xs.getPermissions(root + rel).toString()
                .replace("" + domid, "D"));
        for (String child : xs.directory(root + rel)) {
            walk(root, rel + "/" + child, domid, out);
        }
    }
}
