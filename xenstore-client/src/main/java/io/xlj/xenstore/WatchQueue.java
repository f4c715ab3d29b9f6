package io.xlj.xenstore;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A watch whose events are collected in a queue for the caller to take. */
public final class WatchQueue extends Watch {
    private final BlockingQueue<WatchEvent> events;

    WatchQueue(XenstoreClient client, String path, String token, BlockingQueue<WatchEvent> events) {
        super(client, path, token, events::add, true);
        this.events = events;
    }

    static WatchQueue create(XenstoreClient client, String path, String token) {
        return new WatchQueue(client, path, token, new LinkedBlockingQueue<>());
    }

    public BlockingQueue<WatchEvent> events() {
        return events;
    }

    /** The next event, or null if none came within the timeout. */
    public WatchEvent poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public WatchEvent take() throws InterruptedException {
        return events.take();
    }
}
