package io.xlj.config.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.xlj.config.json.YajlWriter;
import io.xlj.config.model.DeviceDtdev;
import io.xlj.config.model.DevicePci;
import io.xlj.config.model.DeviceVkb;
import io.xlj.config.model.LibxlJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Device list specs (pci, channel, vtpm, p9, pvcalls, usbctrl, usbdev, vfb, vkb, vdispl,
 * dtdev) through the real xl 4.17 ({@code xl -N create} of a minimal guest with one such
 * list) and through our spec parsers, driven the way parse_config_data loops over the
 * list: the JSON arrays of the devices, the messages and the exit code must agree.
 */
class DeviceSpecsOracleTest {

    @TempDir
    static Path dir;

    static Stream<SpecCase> cases() {
        return SpecCase.load("device-cases.txt").stream();
    }

    /** What our parsers make of the list: array name -> items, plus messages and rc. */
    record Ours(Map<String, List<LibxlJson>> arrays, String err, int rc) {
    }

    static Ours ours(String key, List<String> items) {
        StringBuilder err = new StringBuilder();
        Map<String, List<LibxlJson>> arrays = new LinkedHashMap<>();
        try {
            switch (key) {
                case "pci" -> {
                    List<LibxlJson> l = list(arrays, "pcidevs");
                    for (String item : items) {
                        l.add(PciSpecParser.parsePassthrough(DevicePci.builder(), item, err::append));
                    }
                }
                case "channel" -> {
                    List<LibxlJson> l = list(arrays, "channels");
                    for (String item : items) {
                        l.add(ChannelSpecParser.parse(item, l.size(), err::append));
                    }
                }
                case "vtpm" -> {
                    List<LibxlJson> l = list(arrays, "vtpms");
                    for (String item : items) {
                        l.add(SimpleDeviceSpecs.vtpm(item, l.size(), err::append));
                    }
                }
                case "p9" -> list(arrays, "p9s").addAll(SimpleDeviceSpecs.p9s(items, err::append));
                case "pvcalls" -> {
                    List<LibxlJson> l = list(arrays, "pvcallsifs");
                    for (String item : items) {
                        l.add(SimpleDeviceSpecs.pvcalls(item, l.size(), err::append));
                    }
                }
                case "usbctrl" -> {
                    List<LibxlJson> l = list(arrays, "usbctrls");
                    for (String item : items) {
                        l.add(UsbSpecParser.usbctrl(item, l.size(), err::append));
                    }
                }
                case "usbdev" -> {
                    List<LibxlJson> l = list(arrays, "usbdevs");
                    for (String item : items) {
                        l.add(UsbSpecParser.usbdev(item, err::append));
                    }
                }
                case "vfb" -> {
                    List<LibxlJson> vfbs = list(arrays, "vfbs");
                    List<LibxlJson> vkbs = list(arrays, "vkbs");
                    for (String item : items) {
                        int devid = vfbs.size();
                        vkbs.add(DeviceVkb.of(vkbs.size()));
                        vfbs.add(VfbSpecParser.vfb(item, devid, err::append));
                    }
                }
                case "vkb" -> {
                    List<LibxlJson> l = list(arrays, "vkbs");
                    for (String item : items) {
                        l.add(VfbSpecParser.vkb(item, l.size(), err::append));
                    }
                }
                case "vdispl" -> {
                    List<LibxlJson> l = list(arrays, "vdispls");
                    for (String item : items) {
                        l.add(VfbSpecParser.vdispl(item, l.size(), err::append));
                    }
                }
                case "dtdev" -> {
                    List<LibxlJson> l = list(arrays, "dtdevs");
                    for (String item : items) {
                        l.add(new DeviceDtdev(item));
                    }
                }
                default -> throw new IllegalArgumentException("no such device key " + key);
            }
            return new Ours(arrays, err.toString(), 0);
        } catch (SpecException e) {
            return new Ours(Map.of(), err.toString(), e.exitCode());
        }
    }

    private static List<LibxlJson> list(Map<String, List<LibxlJson>> arrays, String name) {
        return arrays.computeIfAbsent(name, k -> new ArrayList<>());
    }

    /** Our arrays as they appear as members of the domain config (4-space indent). */
    static String render(String name, List<LibxlJson> items) {
        YajlWriter w = new YajlWriter();
        w.beginObject().key(name).beginArray();
        for (LibxlJson i : items) {
            i.writeJson(w);
        }
        w.endArray().endObject();
        String s = w.toString();
        return s.substring(2, s.length() - 3); // drop "{\n" and "\n}\n"
    }

    /** The member {@code "name": [...]} of xl's domain config JSON, or null. */
    static String section(String json, String name) {
        int start = json.indexOf("\n    \"" + name + "\": [\n");
        if (start < 0) {
            return null;
        }
        int end = json.indexOf("\n    ]", start);
        return json.substring(start + 1, end + 6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithXl(SpecCase c) throws IOException {
        String[] kh = c.expectedRc().split("@");
        String key = kh[0];
        boolean hvm = kh.length > 1;
        StringBuilder cfg = new StringBuilder("name=\"g\"\nmemory=128\n");
        cfg.append(hvm ? "type=\"hvm\"\n" : "kernel=\"/boot/vmlinuz\"\n");
        cfg.append(key).append("=[");
        for (int i = 0; i < c.args().size(); i++) {
            cfg.append(i > 0 ? ", " : "").append('\'').append(c.args().get(i)).append('\'');
        }
        cfg.append("]\n");
        Path f = dir.resolve("case" + c.line() + ".cfg");
        Files.writeString(f, cfg, StandardCharsets.ISO_8859_1);

        OracleXl.Run xl = OracleXl.run(List.of("-N", "create", f.toString()));
        Ours ours = ours(key, c.args());
        String prefix = "Parsing config from " + f + "\n";
        assertThat(xl.stderr()).startsWith(prefix);
        assertThat(ours.err()).as("messages").isEqualTo(xl.stderr().substring(prefix.length()));
        assertThat(ours.rc()).as("exit code").isEqualTo(xl.rc());
        for (Map.Entry<String, List<LibxlJson>> e : ours.arrays().entrySet()) {
            String want = section(xl.stdout(), e.getKey());
            String got = e.getValue().isEmpty() ? null : render(e.getKey(), e.getValue());
            assertThat(got).as(e.getKey()).isEqualTo(want);
        }
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
