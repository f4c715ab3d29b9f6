package io.xlj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a command may know of the process that ran {@code xl}, beyond its arguments: the
 * program name for messages, the directory relative file names start from, whether stdout
 * is a terminal, the environment, and how to hand the caller's terminal to another program
 * ({@code xl console} runs xenconsole). A JVM started by bin/xl is {@link #local()}; a
 * command that xljd runs for the thin client describes the client process instead
 * ({@link XlMethod}), and builds domains with the daemon's backend.
 *
 * @param argv0 argv[0] as the user typed it (glibc-style messages name it)
 * @param cwd the caller's working directory (absolute)
 * @param pid the calling process (xl create -F names it, as xl names its monitor)
 * @param stdoutTerminal whether the caller's stdout is a terminal (C stdio's buffering)
 * @param env the caller's environment variables that xl reads
 * @param terminal runs a program on the caller's terminal
 * @param builder builds the domain of {@code xl create}
 */
public record XlInvocation(String argv0, Path cwd, long pid, boolean stdoutTerminal, Map<String, String> env,
                           TerminalProgram terminal, DomainBuilder builder) {

    /** Runs a program with the caller's standard input, output and terminal. */
    @FunctionalInterface
    public interface TerminalProgram {

        /** Runs {@code argv} to its end; returns what xl's exit status becomes. */
        int run(List<String> argv) throws IOException, InterruptedException;
    }

    public XlInvocation {
        env = Map.copyOf(env);
    }

    /** This JVM: bin/xl's $0, the JVM's working directory and environment, child processes that inherit its I/O. */
    public static XlInvocation local(boolean stdoutTerminal) {
        return new XlInvocation(System.getProperty(Xl.ARGV0_PROPERTY, "xl"), Path.of("").toAbsolutePath(),
                ProcessHandle.current().pid(), stdoutTerminal, System.getenv(), argv -> new ProcessBuilder(argv).inheritIO().start().waitFor(),
                RealCreate.OWN_TOOLSTACK);
    }

    /** The file a command-line operand names (bytes as ISO-8859-1 chars), relative names from {@link #cwd}. */
    public Path path(String isoName) {
        return cwd.resolve(RawArgs.path(isoName));
    }
}
