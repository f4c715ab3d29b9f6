package io.xlj.rpc;

/**
 * A lifecycle event, sent to subscribers as an {@code event} notification.
 *
 * @param type {@code created}, {@code paused}, {@code unpaused}, {@code shutdown},
 *     {@code crashed}, {@code destroyed}, {@code device-added}, {@code device-removed}
 * @param reason for {@code shutdown}: {@code poweroff}, {@code reboot}, {@code suspend},
 *     {@code crash}, {@code watchdog}, {@code soft_reset}; otherwise null
 */
public record DomainEvent(String type, int domid, String name, String reason) {
}
