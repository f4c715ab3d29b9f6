package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.BitSet;
import java.util.List;

/** libxl_vnode_info: one virtual NUMA node. */
public record VnodeInfo(long memkb, List<Long> distances, long pnode, BitSet vcpus)
        implements LibxlJson {

    public VnodeInfo {
        distances = List.copyOf(distances);
        vcpus = (BitSet) vcpus.clone();
    }

    @Override
    public BitSet vcpus() {
        return (BitSet) vcpus.clone();
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.uint64(w, "memkb", memkb, IdlJson.U64_DEFAULT);
        IdlJson.uint32Array(w, "distances", distances);
        IdlJson.uint32(w, "pnode", pnode, 0);
        IdlJson.bitmap(w, "vcpus", vcpus);
        w.endObject();
    }
}
