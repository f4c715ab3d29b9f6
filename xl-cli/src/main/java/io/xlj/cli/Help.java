package io.xlj.cli;

import java.io.PrintStream;

/** xl's help(): the full command list, or one command's usage, byte for byte. */
public final class Help {
    private Help() {}

    /** help(command): null or "help" prints the full list. */
    public static void print(PrintStream out, CommandTable table, String command) {
        if (command == null || command.equals("help")) {
            out.print("Usage xl [-vfNtT] <subcommand> [args]\n\n");
            out.print("xl full list of subcommands:\n\n");
            for (CommandSpec c : table.specs()) {
                out.print(" " + pad(c.name()) + " ");
                if (c.name().length() > 19) out.print("\n " + pad("") + " ");
                out.print(c.description() + "\n");
            }
            return;
        }
        CommandSpec c = table.lookup(command);
        if (c == null) {
            out.print("command \"" + command + "\" not implemented\n");
            return;
        }
        out.print("Usage: xl [-vtT" + (c.modifies() ? "f" : "") + (c.canDryrun() ? "N" : "") + "] "
                + c.name() + " " + c.usage() + "\n\n" + c.description() + ".\n\n");
        if (c.options() != null) out.print("Options:\n\n" + c.options() + "\n");
    }

    /** printf("%-19s"). */
    private static String pad(String s) {
        return s.length() >= 19 ? s : s + " ".repeat(19 - s.length());
    }
}
