package io.xlj.libxl.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.xenstore.Transaction;
import io.xlj.xenstore.XenstoreException;
import io.xlj.xenstore.XenstoreOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link DeviceXenstore#pathCleanup(XenstoreOps, List)} removes the nodes and the parents
 * they leave empty in a few batches; it must end in the tree libxl's
 * libxl__xs_path_cleanup leaves, one path after another, one round trip a level. Both run
 * against Debian's real C xenstored on twin random trees (seeded), in transactions with
 * pipelined writes as the destroy and detach paths use them.
 */
class PathCleanupTest extends OnRealXenstored {


    @Test
    void batchedCleanupLeavesTheTreeLibxlsWalkLeaves() {
        Random r = new Random(20261207);
        for (int round = 0; round < 60; round++) {
            List<String> nodes = randomTree(r);
            List<String> leaves = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                // Mostly existing nodes, sometimes one that is not there (libxl's callers do that too).
                String node = nodes.get(r.nextInt(nodes.size()));
                leaves.add(switch (r.nextInt(6)) {
                    case 0 -> node + "/absent";
                    case 1 -> node + "/absent/below"; // libxl's walk stops at the missing parent
                    default -> node;
                });
            }
            String libxl = "/libxl-walk" + round;
            String ours = "/batched" + round;
            for (String n : nodes) {
                String value = r.nextInt(4) == 0 ? "v" : "";
                xs.write(libxl + n, value);
                xs.write(ours + n, value);
            }
            xs.runInTransaction(t -> {
                t.pipelineWrites();
                leaves.forEach(l -> libxlPathCleanup(t, libxl + l));
                return null;
            });
            xs.runInTransaction(t -> {
                t.pipelineWrites();
                DeviceXenstore.pathCleanup(t, leaves.stream().map(l -> ours + l).toList());
                return null;
            });
            assertThat(tree(ours)).as("round %d, removing %s from %s", round, leaves, nodes).isEqualTo(tree(libxl));
        }
    }

    /** libxl__xs_path_cleanup as libxl 4.17 writes it: rm, then each parent while it is empty. */
    private static void libxlPathCleanup(Transaction t, String path) {
        rmQuietly(t, path);
        String p = path;
        for (int slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/')) {
            p = p.substring(0, slash);
            Optional<String> value = t.readOptional(p);
            if (value.isEmpty() || !value.get().isEmpty() || !t.directory(p).isEmpty()) {
                return;
            }
            rmQuietly(t, p);
        }
    }

    private static void rmQuietly(XenstoreOps t, String path) {
        try {
            t.rm(path);
        } catch (XenstoreException e) {
            if (!e.isNoEntry()) {
                throw e;
            }
        }
    }

    /** Up to 12 nodes in chains and branches three or four levels deep, under /a and /b. */
    private static List<String> randomTree(Random r) {
        List<String> nodes = new ArrayList<>();
        for (int i = 0, n = 2 + r.nextInt(11); i < n; i++) {
            StringBuilder path = new StringBuilder(r.nextBoolean() ? "/a" : "/b");
            for (int depth = 0, d = 1 + r.nextInt(4); depth < d; depth++) {
                path.append('/').append((char) ('p' + r.nextInt(3)));
            }
            nodes.add(path.toString());
        }
        return nodes;
    }

    /** Every node below {@code root} (relative path → value); a gone root is an empty map. */
    private static TreeMap<String, String> tree(String root) {
        TreeMap<String, String> out = new TreeMap<>();
        if (xs.readOptional(root).isPresent()) {
            walk(root, "", out);
        }
        return out;
    }

    private static void walk(String root, String rel, TreeMap<String, String> out) {
        out.put(rel.isEmpty() ? "/" : rel, xs.read(root + rel));
        for (String child : xs.directory(root + rel)) {
            walk(root, rel + "/" + child, out);
        }
    }
}
