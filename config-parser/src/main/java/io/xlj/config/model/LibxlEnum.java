package io.xlj.config.model;

/**
 * An IDL enumeration value: its C number and the string libxl's generated
 * {@code *_to_string} returns for it (the value name in lower case).
 */
public interface LibxlEnum {

    int value();

    /** The text libxl prints in JSON; null means libxl prints JSON {@code null}. */
    String libxlName();
}
