package io.xlj.config;

/**
 * One stored {@code name = value} or {@code name += value} statement.
 * {@code line} is the line of the value's first token, as libxlutil records it.
 */
public record Setting(String name, ConfigValue value, Op op, int line) {

    /** The assignment operator; {@code +=} makes the value unusable as a number. */
    public enum Op { ASSIGN, ADD }
}
