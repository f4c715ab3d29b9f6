package io.xlj.lab.host;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** One test case that ran inside dom0, as its JUnit XML report tells it. */
record Dom0TestCase(String className, String name, Outcome outcome, String message, String detail) {

    enum Outcome { PASSED, FAILED, ERROR, SKIPPED }

    String displayName() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + name;
    }

    /** Replays the dom0 outcome on the host, so that failsafe counts and reports it. */
    void replay() {
        switch (outcome) {
            case PASSED -> { }
            case SKIPPED -> throw new TestAbortedException("skipped in dom0: " + message);
            case FAILED, ERROR -> throw new AssertionFailedError(
                    "in dom0, " + className + "." + name + " " + outcome.name().toLowerCase()
                            + ": " + message + "\n" + detail);
        }
    }
}
