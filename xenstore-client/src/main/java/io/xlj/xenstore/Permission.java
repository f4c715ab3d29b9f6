package io.xlj.xenstore;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a node's permission list, e.g. {@code r5}. In a list the first entry
 * names the owner (who always has full access) and its access is the default for every
 * domain not listed.
 */
public record Permission(int domid, Access access) {

    /** The four access letters xenstored understands. */
    public enum Access {
        NONE('n'), READ('r'), WRITE('w'), BOTH('b');

        private final char letter;

        Access(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }

        public boolean canRead() {
            return this == READ || this == BOTH;
        }

        public boolean canWrite() {
            return this == WRITE || this == BOTH;
        }

        static Access of(char c) {
            for (Access a : values()) {
                if (a.letter == c) {
                    return a;
                }
            }
            return null;
        }
    }

    public Permission {
        if (domid < 0 || domid > 0xffff) {
            throw new IllegalArgumentException("domid out of range 0..65535: " + domid);
        }
        if (access == null) {
            throw new IllegalArgumentException("access must not be null");
        }
    }

    public static Permission none(int domid) {
        return new Permission(domid, Access.NONE);
    }

    public static Permission read(int domid) {
        return new Permission(domid, Access.READ);
    }

    public static Permission write(int domid) {
        return new Permission(domid, Access.WRITE);
    }

    public static Permission both(int domid) {
        return new Permission(domid, Access.BOTH);
    }

    /** Parses the wire form, e.g. {@code b7}. */
    public static Permission parse(String text) {
        if (text == null || text.length() < 2) {
            throw new IllegalArgumentException("bad xenstore permission '" + text + "'");
        }
        Access access = Access.of(text.charAt(0));
        if (access == null) {
            throw new IllegalArgumentException("bad xenstore permission '" + text
                    + "': the letter must be one of n, r, w, b");
        }
        int domid;
        try {
            domid = Integer.parseInt(text.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad xenstore permission '" + text
                    + "': not a domain id after the letter", e);
        }
        return new Permission(domid, access);
    }

    /** Parses a list such as {@code n0 r5} or {@code n0,r5} (as xenstore-chmod takes them). */
    public static List<Permission> parseList(String text) {
        List<Permission> out = new ArrayList<>();
        for (String part : text.trim().split("[,\\s]+")) {
            if (!part.isEmpty()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    /** The wire form, e.g. {@code b7}. */
    public String wire() {
        return access.letter + Integer.toString(domid);
    }

    @Override
    public String toString() {
        return wire();
    }
}
