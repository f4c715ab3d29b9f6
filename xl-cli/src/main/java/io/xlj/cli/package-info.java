/**
 * The {@code xl} command line, byte for byte as xl 4.17.
 *
 * <p>To add a command: write a class implementing {@link io.xlj.cli.XlCommand} (argv as xl's
 * {@code main_*} gets it, {@code args[0]} = the command name) and add ONE
 * {@code register("name", new NameCommand());} line in {@link io.xlj.cli.Commands}.
 * Parse options with {@link io.xlj.cli.XlContext#options} (xl's SWITCH_FOREACH_OPT: "-h",
 * "option `x' not supported.", "requires at least N arguments", no argument permutation,
 * like xl); exit from deep inside with {@link io.xlj.cli.XlExit}; print with
 * {@code ctx.out()} / {@code ctx.err()} (ISO-8859-1); open files named on the command line
 * with {@link io.xlj.cli.RawArgs#path}.  Help, prefix lookup, the global {@code -N}/{@code -f}
 * checks and xl.conf ({@code ctx.global()}) are handled by {@link io.xlj.cli.Xl}.
 */
package io.xlj.cli;
