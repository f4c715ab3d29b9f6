package io.xlj.libxl.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xlj.config.json.YajlWriter;
import io.xlj.libxl.LibxlJsonText;
import io.xlj.config.model.LibxlJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * device_add_domain_config on the stored libxl-json userdata: the device replaces the one of
 * the config's {@code disks} or {@code nics} array it compares equal to (libxl's compare: the
 * same vdev, the same devid), else it is appended; the file is written back in libxl's
 * (yajl's) layout with its trailing NUL.
 */
public final class UserdataDevices {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private UserdataDevices() {
    }

    /**
     * The new file content.
     *
     * @param key the field libxl compares devices of this array by ("vdev", "devid")
     */
    public static byte[] withDevice(byte[] stored, String array, LibxlJson device, String key) {
        int len = stored.length;
        while (len > 0 && stored[len - 1] == 0) {
            len--;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(new String(stored, 0, len, StandardCharsets.UTF_8));
            ObjectNode config = (ObjectNode) root;
            JsonNode dev = MAPPER.readTree(device.toJson());
            JsonNode existing = config.get(array);
            ArrayNode list = existing instanceof ArrayNode a ? a : config.putArray(array);
            int same = -1;
            for (int i = 0; i < list.size() && same < 0; i++) {
                if (dev.has(key) && dev.get(key).equals(list.get(i).get(key))) {
                    same = i;
                }
            }
            if (same >= 0) {
                list.set(same, dev);
            } else {
                list.add(dev);
            }
        } catch (IOException | ClassCastException e) {
            throw new DeviceException("cannot update the stored domain configuration: " + e.getMessage(), e);
        }
        YajlWriter w = new YajlWriter();
        LibxlJsonText.write(w, root);
        byte[] json = w.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, json.length);
        return out;
    }

    public static byte[] read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
