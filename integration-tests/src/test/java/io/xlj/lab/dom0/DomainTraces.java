package io.xlj.lab.dom0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a domain leaves in dom0, read with Xen's own tools: its xenstore nodes
 * (xenstore-ls) and its libxl userdata files. After a destroy both must be empty.
 */
final class DomainTraces {

    static final Path USERDATA_DIR = Path.of("/var/lib/xen");

    private DomainTraces() {
    }

    /** {@code xenstore-ls -fp /}: one "path = \"value\"  (perms)" line per node. */
    static List<String> xenstoreLines() {
        return Exec.run(Duration.ofSeconds(30), "xenstore-ls", "-fp", "/").assertSuccess().stdout().lines().toList();
    }

    static String pathOf(String line) {
        return line.split(" = ", 2)[0];
    }

    /**
     * A device node's line with what differs between two guests of one config made by two
     * toolstacks put aside: MACs, the loop device a file disk got, the numbers a connected
     * frontend picked (grant references, event channels) and the guest's own disk image
     * ({@code /DIR/N.img}: each guest's image is NAME.img in a directory of its own).
     */
    static String normaliseDeviceValues(String line, String name) {
        String key = pathOf(line).substring(pathOf(line).lastIndexOf('/') + 1);
        String n = line.replaceAll("[0-9a-f]{2}(:[0-9a-f]{2}){5}", "MAC")
                .replaceAll("/dev/loop\\d+", "/dev/loopN")
                .replaceAll("/[^ \"]*/" + Pattern.quote(name) + "\\.img", "/DIR/N.img");
        if (key.equals("physical-device")) {
            n = n.replaceAll(" = \"[0-9a-f]+:[0-9a-f]+\"", " = \"M:m\"");
        }
        if (key.contains("ring-ref") || key.contains("event-channel")) {
            n = n.replaceAll(" = \"\\d+\"", " = \"N\"");
        }
        return n;
    }

    /**
     * Every node that belongs to domain {@code domid}: /local/domain/N, its backends in any
     * domain, /libxl/N and /vm/UUID (when the uuid is known).
     */
    static List<String> nodesOf(int domid, String uuid) {
        Pattern own = Pattern.compile("^(/local/domain/" + domid + "(/.*)?"
                + "|/local/domain/\\d+/backend/[^/]+/" + domid + "(/.*)?"
                + "|/libxl/" + domid + "(/.*)?"
                + (uuid == null ? "" : "|/vm/" + Pattern.quote(uuid) + "(/.*)?") + ")$");
        return xenstoreLines().stream().map(DomainTraces::pathOf).filter(p -> own.matcher(p).matches()).toList();
    }

    /** The value of a node, or null. */
    static String read(String path) {
        ExecResult r = Exec.run(Duration.ofSeconds(30), "xenstore-read", path);
        return r.exitCode() == 0 ? r.stdout().strip() : null;
    }

    /** The domids in libxl's domid history (/var/run/xen/domid-history), oldest first. */
    static List<Integer> recentDomids() {
        Path history = Path.of("/var/run/xen/domid-history");
        try {
            if (!Files.exists(history)) {
                return List.of();
            }
            return Files.readAllLines(history).stream().filter(l -> !l.isBlank())
                    .map(l -> Integer.parseInt(l.trim().split("\\s+")[1])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + history, e);
        }
    }

    /** The userdata files libxl (or xlj) keeps for a domain: userdata-?.DOMID.UUID.*, lock file included. */
    static List<Path> userdataOf(int domid, String uuid) {
        if (!Files.isDirectory(USERDATA_DIR)) {
            return List.of();
        }
        String prefix = "." + domid + "." + uuid + ".";
        try (Stream<Path> s = Files.list(USERDATA_DIR)) {
            return s.filter(p -> p.getFileName().toString().startsWith("userdata-")
                    && p.getFileName().toString().contains(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + USERDATA_DIR, e);
        }
    }

    /** All userdata files, whatever the domain. */
    static List<Path> allUserdata() {
        if (!Files.isDirectory(USERDATA_DIR)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(USERDATA_DIR)) {
            return s.filter(p -> p.getFileName().toString().startsWith("userdata-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + USERDATA_DIR, e);
        }
    }
}
