package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/**
 * A value that libxl serialises with its generated {@code *_gen_json} function. Implementors
 * write themselves as one JSON value, omitting every field that is at its IDL default,
 * exactly like gentypes.py's generated code, so that the text matches libxl byte for byte.
 */
public interface LibxlJson {

    /** Writes this value (one JSON value) to {@code w}. */
    void writeJson(YajlWriter w);

    /** This value alone as a complete document, as {@code libxl_*_to_json()} returns it. */
    default String toJson() {
        YajlWriter w = new YajlWriter();
        writeJson(w);
        return w.toString();
    }
}
