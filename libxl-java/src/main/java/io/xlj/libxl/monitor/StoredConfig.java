package io.xlj.libxl.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xlj.config.model.ActionOnShutdown;
import io.xlj.libxl.Userdata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * What the userdata files say about one domain: its libxl {@code d_config} (the
 * {@code libxl-json} file libxl and xlj write at create) and, when there is one, the xl
 * config text to restart it from.
 *
 * <p>The text comes from userid {@code xl} first (what Xen's {@code xl config-update}
 * stores and xl's reload_domain_config prefers), then from {@link #XLJ_CONFIG}, the copy of
 * the config file xljd keeps for every domain it creates. xl 4.17 itself keeps no text at
 * create: it restarts from the d_config JSON, which xlj cannot read back into a
 * DomainConfig yet.
 */
public record StoredConfig(JsonNode dConfig, Optional<String> configText, Optional<String> textUserid) {

    /** Userid of the config text xljd stores next to libxl's d_config. */
    public static final String XLJ_CONFIG = "xlj-config";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Empty when the domain has no {@code libxl-json} userdata (not made by libxl or xlj). */
    public static Optional<StoredConfig> read(Userdata userdata, int domid, UUID uuid) {
        Optional<byte[]> json = bytes(userdata.path(domid, uuid, Userdata.LIBXL_JSON));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(new String(stripNul(json.get()), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + userdata.path(domid, uuid, Userdata.LIBXL_JSON)
                    + ": " + e.getMessage(), e);
        }
        for (String userid : new String[] {Userdata.XL, XLJ_CONFIG}) {
            Optional<byte[]> text = bytes(userdata.path(domid, uuid, userid));
            if (text.isPresent() && text.get().length > 0) {
                return Optional.of(new StoredConfig(tree,
                        Optional.of(new String(stripNul(text.get()), StandardCharsets.ISO_8859_1)), Optional.of(userid)));
            }
        }
        return Optional.of(new StoredConfig(tree, Optional.empty(), Optional.empty()));
    }

    /**
     * The action for a shutdown reason: {@code on_poweroff}, {@code on_reboot},
     * {@code on_crash}, {@code on_watchdog}, {@code on_soft_reset}. libxl's JSON leaves out
     * a field equal to its IDL default, {@code destroy}.
     */
    public ActionOnShutdown action(ShutdownReason reason) {
        String field = switch (reason) {
            case POWEROFF -> "on_poweroff";
            case REBOOT -> "on_reboot";
            case CRASH -> "on_crash";
            case WATCHDOG -> "on_watchdog";
            case SOFT_RESET -> "on_soft_reset";
            case SUSPEND -> throw new IllegalArgumentException("no action for suspend");
        };
        JsonNode v = dConfig.get(field);
        ActionOnShutdown a = v == null || v.isNull() ? null : ActionOnShutdown.fromString(v.asText());
        return a == null ? ActionOnShutdown.DESTROY : a;
    }

    /** c_info.name of the stored config, if any. */
    public Optional<String> name() {
        JsonNode n = dConfig.path("c_info").get("name");
        return n == null || !n.isTextual() ? Optional.empty() : Optional.of(n.textValue());
    }

    private static Optional<byte[]> bytes(Path p) {
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** libxl stores its userdata with a trailing NUL. */
    private static byte[] stripNul(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return n == b.length ? b : java.util.Arrays.copyOf(b, n);
    }
}
