package io.xlj.cli;

/**
 * One xl subcommand.  {@code args[0]} is the command name as typed and the
 * rest are its arguments, exactly like the argv xl passes to main_*().
 * Return the exit code, or throw {@link XlExit} from deep inside.
 * Register the implementation with one line in {@link Commands}.
 */
@FunctionalInterface
public interface XlCommand {
    int run(XlContext ctx, String[] args);
}
