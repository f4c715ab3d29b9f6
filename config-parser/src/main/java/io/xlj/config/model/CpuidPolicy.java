package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * libxl_cpuid_policy_list: CPUID leaves with a 32-character policy string per register
 * (null when the register is left alone) and MSRs with a 64-character policy, in the
 * order they were first mentioned. JSON as libxl_cpuid_policy_list_gen_json prints it.
 * The IDL's default check (libxl__cpuid_policy_is_empty) is {@link #isEmpty()}.
 */
public record CpuidPolicy(List<Leaf> leaves, List<Msr> msrs) implements LibxlJson {

    /** XEN_CPUID_INPUT_UNUSED: no subleaf. */
    public static final long INPUT_UNUSED = 0xFFFF_FFFFL;

    private static final String[] REGS = {"eax", "ebx", "ecx", "edx"};

    /** One leaf; {@code policy} has four entries (eax..edx), each null or 32 characters. */
    public record Leaf(long leaf, long subleaf, List<String> policy) {
        public Leaf {
            policy = java.util.Collections.unmodifiableList(new ArrayList<>(policy));
        }
    }

    /** One MSR with its 64-character policy (bit 63 first). */
    public record Msr(long index, String policy) {
    }

    public CpuidPolicy {
        leaves = List.copyOf(leaves);
        msrs = List.copyOf(msrs);
    }

    public boolean isEmpty() {
        return leaves.isEmpty() && msrs.isEmpty();
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject().key("cpuid").beginArray();
        for (Leaf l : leaves) {
            w.beginObject();
            w.key("leaf").value(l.leaf());
            if (l.subleaf() != INPUT_UNUSED) {
                w.key("subleaf").value(l.subleaf());
            }
            for (int j = 0; j < 4; j++) {
                if (l.policy().get(j) != null) {
                    w.key(REGS[j]).value(l.policy().get(j));
                }
            }
            w.endObject();
        }
        w.endArray().key("msr").beginArray();
        for (Msr m : msrs) {
            w.beginObject().key("index").value(m.index()).key("policy").value(m.policy()).endObject();
        }
        w.endArray().endObject();
    }
}
