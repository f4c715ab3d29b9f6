package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DomainInfo#at} reads what the JNA structure {@link xen_domctl_getdomaininfo} (whose
 * layout StructLayoutTest checks against the C headers) writes: every field, for seeded
 * random values, including the unsigned domid and gpaddr_bits and the handle as a UUID.
 */
class DomainInfoDecodeTest {

    @Test
    void everyFieldIsReadWhereTheStructureWroteIt() {
        Random r = new Random(20261207);
        for (int round = 0; round < 200; round++) {
            xen_domctl_getdomaininfo s = new xen_domctl_getdomaininfo();
            s.domain = (short) r.nextInt();
            s.pad1 = (short) r.nextInt();
            s.flags = r.nextInt();
            s.tot_pages = r.nextLong();
            s.max_pages = r.nextLong();
            s.outstanding_pages = r.nextLong();
            s.shr_pages = r.nextLong();
            s.paged_pages = r.nextLong();
            s.shared_info_frame = r.nextLong();
            s.cpu_time = r.nextLong();
            s.nr_online_vcpus = r.nextInt();
            s.max_vcpu_id = r.nextInt();
            s.ssidref = r.nextInt();
            r.nextBytes(s.handle);
            s.cpupool = r.nextInt();
            s.gpaddr_bits = (byte) r.nextInt();
            r.nextBytes(s.pad2);
            s.arch_config.emulation_flags = r.nextInt();
            s.arch_config.misc_flags = r.nextInt();
            s.write();

            DomainInfo d = DomainInfo.at(s.getPointer());

            assertThat(d).isEqualTo(new DomainInfo(Short.toUnsignedInt(s.domain), s.flags, s.tot_pages, s.max_pages,
                    s.outstanding_pages, s.shr_pages, s.paged_pages, s.shared_info_frame, s.cpu_time,
                    s.nr_online_vcpus, s.max_vcpu_id, s.ssidref, DomainInfo.uuidOf(s.handle), s.cpupool,
                    Byte.toUnsignedInt(s.gpaddr_bits), s.arch_config.emulation_flags, s.arch_config.misc_flags));
        }
    }
}
