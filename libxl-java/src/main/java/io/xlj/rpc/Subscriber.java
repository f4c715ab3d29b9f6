package io.xlj.rpc;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscribed connection: events wait in a bounded queue and a sender thread writes them.
 * When the queue is full the client has fallen behind: it is dropped (an {@code error}
 * notification if the socket still has room, then the connection is closed), because
 * waiting for it would hold up every other subscriber and the operations that publish.
 */
final class Subscriber implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
    private static final byte[] CLOSE = new byte[0];

    private final Connection connection;
    private final EventHub hub;
    private final int capacity;
    // Two spare slots: the error notification and the close marker always fit.
    private final BlockingQueue<byte[]> queue;
    private volatile boolean dropped;

    Subscriber(Connection connection, EventHub hub, int capacity) {
        this.connection = connection;
        this.hub = hub;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 2);
    }

    /** Called by {@link EventHub} with its lock held; never blocks. */
    void offer(byte[] line) {
        if (dropped) {
            return;
        }
        if (queue.size() < capacity) {
            queue.add(line);
            return;
        }
        dropped = true;
        hub.remove(this);
        queue.clear();
        LOG.warn("{}: subscriber dropped, {} events unread", connection, capacity);
        queue.add(JsonRpc.line(JsonRpc.notification(JsonRpc.ERROR_NOTIFICATION,
                new RpcError(JsonRpc.SUBSCRIBER_OVERFLOW, "event queue overflow: more than " + capacity
                        + " events unread; subscription dropped").toJson())));
        queue.add(CLOSE);
        // The sender may be stuck writing to a client that does not read: closing the
        // channel is what frees it.
        connection.closeLater();
    }

    @Override
    public void run() {
        try {
            while (true) {
                byte[] line = queue.take();
                if (line == CLOSE) {
                    connection.close();
                    return;
                }
                connection.write(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            LOG.debug("{}: subscriber gone: {}", connection, e.toString());
        } finally {
            hub.remove(this);
        }
    }

    void stop() {
        dropped = true;
        hub.remove(this);
        queue.clear();
        queue.offer(CLOSE);
    }
}
