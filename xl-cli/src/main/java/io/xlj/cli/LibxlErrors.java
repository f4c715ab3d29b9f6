package io.xlj.cli;

import io.xlj.libxl.LibxlError;

/** Prints the log lines libxl would have written before failing (stderr, one a line). */
final class LibxlErrors {

    private LibxlErrors() {
    }

    static void print(XlContext ctx, LibxlError e) {
        for (String line : e.logLines()) {
            ctx.err().print(line + "\n");
        }
        if (e.logLines().isEmpty() && e.rc() != LibxlError.ERROR_NOPARAVIRT
                && e.rc() != LibxlError.ERROR_DOMAIN_NOTFOUND && e.rc() != LibxlError.ERROR_INVAL) {
            // a failure libxl has no words for: say what it was
            ctx.err().print("xlj: " + e.getMessage() + "\n");
        }
    }
}
