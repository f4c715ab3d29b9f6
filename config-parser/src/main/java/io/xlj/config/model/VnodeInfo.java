package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

import java.util.BitSet;
import java.util.List;

/** libxl_vnode_info: one virtual NUMA node. */
public record VnodeInfo(long memkb, List<Long> distances, long pnode, BitSet vcpus)
        implements LibxlJson.Writable {

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
        LibxlJson.uint64(w, "memkb", memkb, LibxlJson.U64_DEFAULT);
        LibxlJson.uint32Array(w, "distances", distances);
        LibxlJson.uint32(w, "pnode", pnode, 0);
        LibxlJson.bitmap(w, "vcpus", vcpus);
        w.endObject();
    }
}
