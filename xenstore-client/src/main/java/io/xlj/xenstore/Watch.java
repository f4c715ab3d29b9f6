package io.xlj.xenstore;

import java.util.function.Consumer;

/**
 * A registered watch. Closing it unregisters it (UNWATCH). Every watch fires once right
 * after registration, as xenstored does, then on each change at or below its path.
 */
public class Watch implements AutoCloseable {
    private final XenstoreClient client;
    private final String path;
    private final String token;
    private final Consumer<WatchEvent> callback;
    private final boolean inline;
    private volatile boolean closed;

    Watch(XenstoreClient client, String path, String token, Consumer<WatchEvent> callback) {
        this(client, path, token, callback, false);
    }

    /**
     * {@code inline}: the callback runs on the thread that reads the event off the
     * connection, before any reply read after it is handed over (see
     * {@link XenstoreClient#watchInline}).
     */
    Watch(XenstoreClient client, String path, String token, Consumer<WatchEvent> callback, boolean inline) {
        this.client = client;
        this.path = path;
        this.token = token;
        this.callback = callback;
        this.inline = inline;
    }

    public String path() {
        return path;
    }

    public String token() {
        return token;
    }

    Consumer<WatchEvent> callback() {
        return callback;
    }

    boolean isInline() {
        return inline;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.unwatch(this);
    }
}
