package io.xlj.rpc;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans lifecycle events out to subscribers without ever waiting for one: each subscriber has
 * a bounded queue and its own sender thread ({@link Subscriber}).
 */
final class EventHub implements DomainService.DomainEventListener {

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    void add(Subscriber s) {
        subscribers.add(s);
    }

    void remove(Subscriber s) {
        subscribers.remove(s);
    }

    @Override
    public void onEvent(DomainEvent event) {
        byte[] line = JsonRpc.line(JsonRpc.notification(JsonRpc.EVENT_NOTIFICATION,
                JsonRpc.mapper().valueToTree(event)));
        // One publisher at a time, so that every subscriber sees events in the same order.
        synchronized (this) {
            for (Subscriber s : subscribers) {
                s.offer(line);
            }
        }
    }
}
