package io.xlj.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainEntryTest {

    /** The hand-written JSON of a row is Jackson's of the record: same names, order and values. */
    @Test
    void intoWritesWhatJacksonWouldWrite() throws Exception {
        for (DomainEntry e : new DomainEntry[] {
            new DomainEntry(0, "Domain-0", 1024, 2, "r-----", 1234.5),
            new DomainEntry(32752, "näme \"quoted\"\n", Long.MAX_VALUE, 1, "--ps-d", 0.0),
            new DomainEntry(7, null, 0, 0, "------", 1e-7)}) {
            assertThat(JsonRpc.mapper().writeValueAsString(e.into(JsonRpc.mapper().createObjectNode())))
                    .isEqualTo(JsonRpc.mapper().writeValueAsString(e));
        }
    }
}
