package io.xlj.lab.dom0;

import java.util.List;

/** What a finished command left behind: its words, exit status and both outputs. */
record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** Returns this result if the command exited 0, else fails with everything it said. */
    ExecResult assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(describe());
        }
        return this;
    }

    String describe() {
        return String.join(" ", command) + " exited " + exitCode
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
