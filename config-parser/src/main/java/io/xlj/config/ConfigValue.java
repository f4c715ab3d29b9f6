package io.xlj.config;

import java.util.List;

/**
 * A value in an xl.cfg file: libxlutil knows only strings (numbers are kept as
 * their text) and lists of values.  {@code line} is where the value starts;
 * {@code column} is what libxlutil reports as the column, which is always 0
 * because its lexer never tracks columns (observed with Debian's 4.17 build).
 */
public sealed interface ConfigValue permits ConfigValue.StringValue, ConfigValue.ListValue {

    int line();

    int column();

    /** An atom: a quoted string (dequoted) or a number kept as text. */
    record StringValue(String text, int line, int column) implements ConfigValue {}

    /** A bracketed list; items may themselves be lists ({@code [[..],[..]]}). */
    record ListValue(List<ConfigValue> items, int line, int column) implements ConfigValue {
        public ListValue {
            items = List.copyOf(items);
        }

        public int size() {
            return items.size();
        }

        /** Like xlu_cfg_get_listitem: the string at {@code i}, or null when out of range or not a string. */
        public String itemString(int i) {
            if (i < 0 || i >= items.size()) return null;
            return items.get(i) instanceof StringValue s ? s.text() : null;
        }

        /** Like xlu_cfg_get_listitem2: the value at {@code i}, or null when out of range. */
        public ConfigValue item(int i) {
            return i < 0 || i >= items.size() ? null : items.get(i);
        }
    }
}
