package io.xlj.xenstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Java side of integration-tests/bench/xenstore-vs-c; counts ops exactly as the C
 * program xenstore-bench.c does, against the xenstored named by XENSTORED_PATH.
 *
 * <pre>java … io.xlj.xenstore.XenstoreBench &lt;read|write|batch|batch-read|transaction&gt; &lt;seconds&gt;</pre>
 *
 * Prints one line "&lt;mode&gt; &lt;ops per second&gt;". The batch is 1000 writes (batch-read: 1000
 * reads) sent as one {@link Batch}; the transaction pipelines its 50 writes and then commits.
 */
public final class XenstoreBench {
    private static final int BATCH = 1000;
    private static final int TX_WRITES = 50;

    private XenstoreBench() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: XenstoreBench <read|write|batch|transaction> <seconds>");
            System.exit(2);
        }
        String mode = args[0];
        double seconds = Double.parseDouble(args[1]);
        try (XenstoreClient xs = XenstoreClient.open()) {
            xs.write("/bench/java/key", "value-0123456789");
            if (mode.equals("batch-read")) {
                batch(xs, 0);
            }
            long ops = 0;
            long start = 0;
            long t = 0;
            // A longer warm-up than C's, because the JIT needs it; then the measured run.
            for (int round = 0; round < 2; round++) {
                ops = 0;
                start = System.nanoTime();
                long end = start + (long) ((round == 0 ? Math.max(1.0, seconds / 2) : seconds) * 1e9);
                do {
                    switch (mode) {
                        case "read" -> xs.readBytes("/bench/java/key");
                        case "write" -> xs.write("/bench/java/w", Long.toString(ops));
                        case "batch" -> batch(xs, ops);
                        case "batch-read" -> readBatch(xs);
                        case "transaction" -> transaction(xs, ops);
                        default -> {
                            System.err.println("unknown mode " + mode);
                            System.exit(2);
                        }
                    }
                    ops++;
                } while ((t = System.nanoTime()) < end);
            }
            System.out.printf("%s %.1f%n", mode, ops / ((t - start) / 1e9));
        }
    }

    private static void batch(XenstoreClient xs, long i) {
        Batch b = xs.batch();
        String value = Long.toString(i);
        for (int k = 0; k < BATCH; k++) {
            b.write("/bench/java/batch/" + k, value);
        }
        b.sendAndWait();
    }

    private static void readBatch(XenstoreClient xs) {
        Batch b = xs.batch();
        List<CompletableFuture<byte[]>> values = new ArrayList<>(BATCH);
        for (int k = 0; k < BATCH; k++) {
            values.add(b.read("/bench/java/batch/" + k));
        }
        b.sendAndWait();
    }

    private static void transaction(XenstoreClient xs, long i) {
        String value = Long.toString(i);
        xs.runInTransaction(tx -> {
            List<CompletableFuture<Void>> writes = new ArrayList<>(TX_WRITES);
            for (int k = 0; k < TX_WRITES; k++) {
                writes.add(tx.writeAsync("/bench/java/tx/" + k, value));
            }
            CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).join();
            return null;
        });
    }
}
