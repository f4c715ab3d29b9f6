package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The C array xc_domain_set_memory_map receives: packed 20-byte {@code struct e820entry}
 * records at the offsets the compiler gives (the layout probe is the oracle for them).
 */
class E820TableTest {

    @Test
    void entriesLandAtTheCompilersOffsets() throws Exception {
        LayoutProbe probe = LayoutProbe.get();
        int width = probe.sizes.get("e820entry");
        int addrAt = probe.fields.get("e820entry").get("addr").offset();
        int sizeAt = probe.fields.get("e820entry").get("size").offset();
        int typeAt = probe.fields.get("e820entry").get("type").offset();
        List<E820Entry> map = List.of(new E820Entry(0, 0x7f00000L, XenConstants.E820_RAM),
                new E820Entry(0xfeff8000L, 0x8000L, XenConstants.E820_RESERVED),
                new E820Entry(0xfc001000L, 0x7000L, XenConstants.E820_ACPI));

        Memory m = XenCtrl.e820Table(map);

        assertThat(m.size()).isEqualTo((long) width * map.size());
        for (int i = 0; i < map.size(); i++) {
            assertThat(m.getLong((long) i * width + addrAt)).isEqualTo(map.get(i).addr());
            assertThat(m.getLong((long) i * width + sizeAt)).isEqualTo(map.get(i).size());
            assertThat(m.getInt((long) i * width + typeAt)).isEqualTo(map.get(i).type());
        }
    }
}
