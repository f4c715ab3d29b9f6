package io.xlj.cli;

import io.xlj.config.XlConfig;
import io.xlj.rpc.DomainEntry;
import io.xlj.rpc.DomainEvent;
import io.xlj.rpc.DomainService;
import io.xlj.rpc.DomainServiceException;
import io.xlj.rpc.HostInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's test backend: domains in memory, no Xen. Used only by the daemon tests, which
 * start xljd with {@code --backend=io.xlj.cli.FakeDomainService}.
 *
 * <p>To let a test observe the daemon's per-domain queues, every mutating call counts how
 * many calls are in flight on its domain and overall, and writes the highest counts seen to
 * the file named by {@code -Dxlj.fake.stats} ("perDomain overall"). Calls on domains whose
 * name starts with {@code hold} wait (at most 3 s) until another call is in flight: if the
 * daemon ran them one at a time, the overall count would never exceed 1.
 *
 * <p>Like the real backend's name cache, {@code list} answers from a copy that only
 * {@link #changed} renews: a daemon that did not call it after each mutating call would list
 * stale domains, and the tests that list after a change would see it.
 */
public final class FakeDomainService implements DomainService {

    private record Dom(int domid, String name, long memoryMiB, String state) {
        Dom withState(String s) {
            return new Dom(domid, name, memoryMiB, s);
        }
    }

    private final Map<Integer, Dom> domains = new ConcurrentHashMap<>();
    private final AtomicInteger nextDomid = new AtomicInteger(1);
    private final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Object flightLock = new Object();
    private int overall;
    private int maxPerDomain;
    private int maxOverall;
    private volatile DomainEventListener listener = e -> { };
    private volatile List<DomainEntry> listed;

    public FakeDomainService() {
        domains.put(0, new Dom(0, "Domain-0", 1024, "r-----"));
        listed = current();
    }

    @Override
    public List<DomainEntry> list() {
        return listed;
    }

    @Override
    public void changed() {
        listed = current();
    }

    private List<DomainEntry> current() {
        List<DomainEntry> l = new ArrayList<>();
        for (Dom d : domains.values()) {
            l.add(new DomainEntry(d.domid(), d.name(), d.memoryMiB(), 1, d.state(), 0.0));
        }
        l.sort(Comparator.comparingInt(DomainEntry::domid));
        return l;
    }

    @Override
    public HostInfo info() {
        return new HostInfo("test", "fake", "fakehost", 4096, 2048, 2);
    }

    @Override
    public int create(String configText, String fileName, boolean paused) {
        XlConfig cfg = new XlConfig(fileName, new PrintStream(OutputStream.nullOutputStream()));
        if (cfg.readData(configText) != 0) {
            throw new DomainServiceException("Failed to parse config: Invalid argument", 22, "EINVAL");
        }
        String name = cfg.stringOr("name", null);
        if (name == null) {
            throw new DomainServiceException("domain name not specified", 22, "EINVAL");
        }
        if (domid(name).isPresent()) {
            throw new DomainServiceException("Domain with name \"" + name + "\" already exists.", 17, "EEXIST");
        }
        int domid = nextDomid.getAndIncrement();
        long mem = cfg.getLong("memory", true).orElse(128L);
        domains.put(domid, new Dom(domid, name, mem, paused ? "--p---" : "-b----"));
        listener.onEvent(new DomainEvent("created", domid, name, null));
        return domid;
    }

    @Override
    public void destroy(int domid) {
        Dom d = mutate(domid, null);
        domains.remove(domid);
        listener.onEvent(new DomainEvent("destroyed", domid, d.name(), null));
    }

    @Override
    public void pause(int domid) {
        Dom d = mutate(domid, "--p---");
        listener.onEvent(new DomainEvent("paused", domid, d.name(), null));
    }

    @Override
    public void unpause(int domid) {
        Dom d = mutate(domid, "-b----");
        listener.onEvent(new DomainEvent("unpaused", domid, d.name(), null));
    }

    @Override
    public void shutdown(int domid) {
        Dom d = mutate(domid, "---s--");
        listener.onEvent(new DomainEvent("shutdown", domid, d.name(), "poweroff"));
    }

    @Override
    public void reboot(int domid) {
        Dom d = mutate(domid, "-b----");
        listener.onEvent(new DomainEvent("shutdown", domid, d.name(), "reboot"));
    }

    @Override
    public OptionalInt domid(String name) {
        return domains.values().stream().filter(d -> d.name().equals(name)).mapToInt(Dom::domid).findFirst();
    }

    @Override
    public Optional<String> domname(int domid) {
        return Optional.ofNullable(domains.get(domid)).map(Dom::name);
    }

    @Override
    public void setEventListener(DomainEventListener listener) {
        this.listener = listener;
    }

    private Dom mutate(int domid, String newState) {
        Dom d = domains.get(domid);
        if (d == null) {
            throw new DomainServiceException("Domain " + domid + " does not exist.", 3, "ESRCH");
        }
        if (domid == 0) {
            throw new DomainServiceException("Cannot act on Domain-0", 1, "EPERM");
        }
        enter(domid, d.name().startsWith("hold"));
        try {
            if (newState != null) {
                domains.computeIfPresent(domid, (k, v) -> v.withState(newState));
            }
            return d;
        } finally {
            leave(domid);
        }
    }

    private void enter(int domid, boolean hold) {
        int mine = inFlight.computeIfAbsent(domid, k -> new AtomicInteger()).incrementAndGet();
        synchronized (flightLock) {
            overall++;
            maxPerDomain = Math.max(maxPerDomain, mine);
            maxOverall = Math.max(maxOverall, overall);
            flightLock.notifyAll();
            long end = System.nanoTime() + 3_000_000_000L;
            while (hold && overall < 2 && System.nanoTime() < end) {
                try {
                    flightLock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void leave(int domid) {
        inFlight.get(domid).decrementAndGet();
        synchronized (flightLock) {
            overall--;
            writeStats(maxPerDomain + " " + maxOverall + "\n");
        }
    }

    private static void writeStats(String stats) {
        String file = System.getProperty("xlj.fake.stats");
        if (file == null) {
            return;
        }
        try {
            Path p = Path.of(file);
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
            Files.writeString(tmp, stats);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
