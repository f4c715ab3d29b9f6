package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_domain_sched_params; -1 (LIBXL_DOMAIN_SCHED_PARAM_*_DEFAULT) means "not set". */
public record DomainSchedParams(Scheduler sched, int weight, int cap, int period, int budget,
                                int extratime, int slice, int latency) implements LibxlJson.Writable {

    public static final int DEFAULT = -1;

    public static DomainSchedParams defaults() {
        return new DomainSchedParams(Scheduler.UNKNOWN, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT,
                DEFAULT, DEFAULT);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        LibxlJson.enumeration(w, "sched", sched, Scheduler.UNKNOWN);
        LibxlJson.integer(w, "weight", weight, DEFAULT);
        LibxlJson.integer(w, "cap", cap, DEFAULT);
        LibxlJson.integer(w, "period", period, DEFAULT);
        LibxlJson.integer(w, "budget", budget, DEFAULT);
        LibxlJson.integer(w, "extratime", extratime, DEFAULT);
        LibxlJson.integer(w, "slice", slice, DEFAULT);
        LibxlJson.integer(w, "latency", latency, DEFAULT);
        w.endObject();
    }
}
