package io.xlj.xenstore;

/**
 * One watch firing: the path that changed (or the watched path, for the initial event
 * and for removals of a parent) and the token of the watch.
 */
public record WatchEvent(String path, String token) {
}
