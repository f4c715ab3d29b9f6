package io.xlj.cli;

import io.xlj.rpc.RpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** xljd as a child JVM on the test classpath, with the in-memory test backend. */
final class DaemonProcess implements AutoCloseable {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final String FAKE_BACKEND = "--backend=" + FakeDomainService.class.getName();

    final Process process;
    final Path log;
    final Path stdout;

    private DaemonProcess(Process process, Path log, Path stdout) {
        this.process = process;
        this.log = log;
        this.stdout = stdout;
    }

    /** The command line of a daemon JVM: {@code jvmArgs}, the main class, {@code args}. */
    static List<String> command(List<String> jvmArgs, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Xljd.class.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** Starts xljd and waits until {@code socket} answers {@code version}. */
    static DaemonProcess start(Path dir, String name, List<String> prefix, List<String> jvmArgs, List<String> args,
            Path socket) throws IOException, InterruptedException {
        return start(dir, name, prefix, jvmArgs, args, Map.of(), socket);
    }

    /** start() with extra environment variables for the daemon. */
    static DaemonProcess start(Path dir, String name, List<String> prefix, List<String> jvmArgs, List<String> args,
            Map<String, String> env, Path socket) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        Path out = dir.resolve(name + ".out");
        List<String> cmd = new ArrayList<>(prefix);
        List<String> all = new ArrayList<>(args);
        all.add("--log-file=" + log);
        cmd.addAll(command(jvmArgs, all));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().remove("JOURNAL_STREAM");
        pb.environment().putAll(env);
        DaemonProcess d = new DaemonProcess(pb.start(), log, out);
        d.awaitSocket(socket);
        return d;
    }

    void awaitSocket(Path socket) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("xljd exited with " + process.exitValue() + ": " + output());
            }
            if (Files.exists(socket)) {
                try (RpcClient c = RpcClient.connect(socket)) {
                    c.call("version", null);
                    return;
                } catch (IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("xljd did not answer on " + socket + " within 60 s: " + output());
    }

    String output() throws IOException {
        StringBuilder s = new StringBuilder();
        for (Path p : new Path[] {stdout, log}) {
            if (Files.exists(p)) {
                s.append("\n--- ").append(p.getFileName()).append('\n').append(Files.readString(p));
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
