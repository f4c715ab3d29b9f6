package io.xlj.libxl.device;

/** libxl__device_action: what a hotplug script is run for. */
public enum HotplugAction {
    ADD,
    REMOVE;

    /** libxl__device_action_to_string: the vbd script's argument. */
    String word() {
        return this == ADD ? "add" : "remove";
    }

    /** The vif scripts' argument. */
    String vifWord() {
        return this == ADD ? "online" : "offline";
    }
}
