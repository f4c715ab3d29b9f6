package io.xlj.config.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON byte for byte as libxl 4.17 prints it: yajl 2 in "beautify" mode with a
 * four-space indent. Scripts grep this text (Xen's own {@code xendomains} looks for
 * {@code ^    {$}), so its whitespace is part of the contract:
 *
 * <ul>
 *   <li>an opening bracket is followed by a newline; members are separated by
 *       {@code ",\n"}; a closing bracket is preceded by {@code "\n"} and the indent;
 *   <li>so an empty object or array prints as {@code "{"}, a blank line, {@code "}"};
 *   <li>keys and values are separated by {@code ": "};
 *   <li>when the top-level value closes, a final newline follows.
 * </ul>
 *
 * Strings are escaped as yajl_string_encode does with no flags: {@code " \ \b \f \n \r
 * \t}, other control characters as {@code \}{@code u00XX} (upper-case hex); {@code /}
 * and bytes above 0x7f pass through unchanged. Text is handled as ISO-8859-1 throughout
 * xlj's config path, so every byte of the input survives to the output.
 *
 * <p>Not thread-safe; one writer per document.
 */
public final class YajlWriter {

    private static final String INDENT = "    ";

    private enum State { START, MAP_START, MAP_KEY, MAP_VALUE, ARRAY_START, IN_ARRAY, COMPLETE }

    private final StringBuilder out = new StringBuilder(1024);
    private final Deque<State> states = new ArrayDeque<>();

    public YajlWriter() {
        states.push(State.START);
    }

    /** Opens an object, as a value (top level, array element, or after {@link #key}). */
    public YajlWriter beginObject() {
        beforeValue();
        out.append('{').append('\n');
        states.push(State.MAP_START);
        return this;
    }

    public YajlWriter endObject() {
        State s = states.pop();
        if (s != State.MAP_START && s != State.MAP_KEY) {
            throw new IllegalStateException("endObject in state " + s);
        }
        close('}');
        return this;
    }

    public YajlWriter beginArray() {
        beforeValue();
        out.append('[').append('\n');
        states.push(State.ARRAY_START);
        return this;
    }

    public YajlWriter endArray() {
        State s = states.pop();
        if (s != State.ARRAY_START && s != State.IN_ARRAY) {
            throw new IllegalStateException("endArray in state " + s);
        }
        close(']');
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    public YajlWriter key(String name) {
        State s = states.peek();
        if (s != State.MAP_START && s != State.MAP_KEY) {
            throw new IllegalStateException("key \"" + name + "\" in state " + s);
        }
        if (s == State.MAP_KEY) {
            out.append(',').append('\n');
        }
        indent(states.size() - 1);
        appendString(name);
        out.append(": ");
        replaceTop(State.MAP_VALUE);
        return this;
    }

    public YajlWriter value(String s) {
        beforeValue();
        appendString(s);
        afterAtom();
        return this;
    }

    public YajlWriter value(long n) {
        beforeValue();
        out.append(n);
        afterAtom();
        return this;
    }

    /** An unsigned 64-bit quantity, printed as libxl's {@code %"PRIu64}. */
    public YajlWriter unsignedValue(long n) {
        beforeValue();
        out.append(Long.toUnsignedString(n));
        afterAtom();
        return this;
    }

    public YajlWriter value(boolean b) {
        beforeValue();
        out.append(b ? "true" : "false");
        afterAtom();
        return this;
    }

    public YajlWriter nullValue() {
        beforeValue();
        out.append("null");
        afterAtom();
        return this;
    }

    /** Convenience: {@code key(name).value(s)}. */
    public YajlWriter field(String name, String s) {
        return key(name).value(s);
    }

    /** Convenience: {@code key(name).value(n)}. */
    public YajlWriter field(String name, long n) {
        return key(name).value(n);
    }

    /** The document so far (complete once the top-level value has closed). */
    @Override
    public String toString() {
        return out.toString();
    }

    public boolean isComplete() {
        return states.peek() == State.COMPLETE;
    }

    private void beforeValue() {
        State s = states.peek();
        switch (s) {
            case START -> { }
            case MAP_VALUE -> { }
            case ARRAY_START -> indent(states.size() - 1);
            case IN_ARRAY -> {
                out.append(',').append('\n');
                indent(states.size() - 1);
            }
            default -> throw new IllegalStateException("a value is not allowed in state " + s);
        }
    }

    /** After a scalar or a closed container: the enclosing container advances. */
    private void afterAtom() {
        State s = states.peek();
        switch (s) {
            case START -> {
                replaceTop(State.COMPLETE);
                out.append('\n');
            }
            case MAP_VALUE -> replaceTop(State.MAP_KEY);
            case ARRAY_START -> replaceTop(State.IN_ARRAY);
            case IN_ARRAY -> { }
            default -> throw new IllegalStateException("unexpected state " + s);
        }
    }

    private void close(char bracket) {
        out.append('\n');
        indent(states.size() - 1);
        out.append(bracket);
        afterAtom();
    }

    private void indent(int depth) {
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }

    private void replaceTop(State s) {
        states.pop();
        states.push(s);
    }

    private void appendString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
