package io.xlj.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * The implemented xl commands: ONE line per command, keyed by its full name in
 * xl's command table ({@link CommandTable}).  Prefix lookup, the {@code -N}
 * check and help come for free.  Commands in the table but not registered
 * here answer that they are not implemented yet.  Each line stands alone,
 * separated by a blank line, so that branches adding different commands
 * merge without conflicts.
 */
final class Commands {
    private Commands() {}

    static final Map<String, XlCommand> IMPLEMENTED = new HashMap<>();

    private static void register(String name, XlCommand command) {
        if (CommandTable.xl().lookup(name) == null || !CommandTable.xl().lookup(name).name().equals(name)) {
            throw new IllegalStateException("not an xl command: " + name);
        }
        IMPLEMENTED.put(name, command);
    }

    static {
        register("block-attach", new BlockAttachCommand());

        register("block-detach", new BlockDetachCommand());

        register("block-list", new BlockListCommand());

        register("cd-eject", new CdInsertCommand(true));

        register("cd-insert", new CdInsertCommand(false));

        register("create", new CreateCommand());

        register("destroy", new DestroyCommand());

        register("channel-list", new ChannelListCommand());

        register("dmesg", new DmesgCommand());

        register("dump-core", new DumpCoreCommand());

        register("domid", new DomidCommand());

        register("domname", new DomnameCommand());

        register("list", new ListCommand());

        register("mem-max", new MemCommand(true));

        register("mem-set", new MemCommand(false));

        register("network-attach", new NetworkAttachCommand());

        register("network-detach", new NetworkDetachCommand());

        register("network-list", new NetworkListCommand());

        register("pause", new PauseCommand(false));

        register("reboot", new ShutdownCommand(true));

        register("rename", new RenameCommand());

        register("shutdown", new ShutdownCommand(false));

        register("unpause", new PauseCommand(true));

        register("uptime", new UptimeCommand());

        register("vcpu-pin", new VcpuPinCommand());

        register("vcpu-list", new VcpuListCommand());

        register("vcpu-set", new VcpuSetCommand());

        register("sched-credit", new SchedCreditCommand(false));

        register("sched-credit2", new SchedCreditCommand(true));

        register("console", new ConsoleCommand());

        register("info", new InfoCommand());
    }
}
