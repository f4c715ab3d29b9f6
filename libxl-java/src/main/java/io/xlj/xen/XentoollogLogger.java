package io.xlj.xen;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/** Opaque {@code xentoollog_logger *} as the libraries take it (ours or one libxentoollog made). */
public class XentoollogLogger extends PointerType {
    public XentoollogLogger() {
        super();
    }

    public XentoollogLogger(Pointer p) {
        super(p);
    }
}
