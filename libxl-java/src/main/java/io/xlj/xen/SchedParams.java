package io.xlj.xen;

/**
 * Credit / credit2 scheduler parameters of a domain: weight (1..65535, default 256) and
 * cap (percent of one CPU, 0 = none). Both are uint16_t in the domctl.
 */
public record SchedParams(int weight, int cap) {

    public SchedParams {
        if (weight < 0 || weight > 0xffff || cap < 0 || cap > 0xffff) {
            throw new IllegalArgumentException("weight and cap must fit in 16 bits: weight=" + weight + " cap=" + cap);
        }
    }
}
