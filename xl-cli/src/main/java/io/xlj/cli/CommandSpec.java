package io.xlj.cli;

/**
 * One row of xl 4.17's command table (xl_cmdtable.c): what {@code xl help}
 * prints, and whether the command accepts the global {@code -N} (canDryrun)
 * and {@code -f} (modifies).  {@code options} is null when xl has none.
 */
public record CommandSpec(String name, boolean modifies, boolean canDryrun,
                          String description, String usage, String options) {}
