package io.xlj.libxl.device;

import io.xlj.xenstore.XenstoreClient;
import io.xlj.xenstore.XenstoreException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Dom0's side of a local attach, played on a real xenstored: the backend (dom0's QEMU for a
 * qdisk, blkback for a vbd, which waits in InitWait for its hotplug script) and dom0's
 * blkfront, which connects a device and closes it when the backend closes. It follows the
 * XenbusState protocol only; no block device is made.
 */
public final class Dom0DiskSide implements AutoCloseable {

    private final XenstoreClient xs;
    private final Predicate<String> scriptRan;
    private final Map<String, String> paramsSeen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param scriptRan whether the hotplug script of the vbd backend at this path has run
     *                  (blkback connects only once it wrote physical-device)
     */
    public Dom0DiskSide(XenstoreClient xs, Predicate<String> scriptRan) {
        this.xs = xs;
        this.scriptRan = scriptRan;
        this.thread = new Thread(this::serve, "dom0-disk-side");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The params node of every backend served so far, by backend path. */
    public Map<String, String> paramsSeen() {
        return Map.copyOf(paramsSeen);
    }

    private void serve() {
        while (running) {
            for (String kind : List.of("qdisk", "vbd")) {
                String dir = "/local/domain/0/backend/" + kind + "/0";
                for (String devid : list(dir)) {
                    step(kind, dir + "/" + devid);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void step(String kind, String be) {
        try {
            String state = xs.readOptional(be + "/state").orElse("");
            xs.readOptional(be + "/params").ifPresent(p -> paramsSeen.putIfAbsent(be, p));
            switch (state) {
                case "1" -> xs.write(be + "/state", kind.equals("qdisk") ? "4" : "2");
                case "2" -> {
                    if (scriptRan.test(be)) {
                        xs.write(be + "/state", "4");
                    }
                }
                case "5" -> xs.write(be + "/state", "6");
                default -> { }
            }
        } catch (XenstoreException e) {
            // Removed meanwhile: the next round sees it gone.
        }
    }

    private List<String> list(String dir) {
        try {
            return xs.directory(dir);
        } catch (XenstoreException e) {
            return List.of();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
