package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** libxl_domain_sched_params; -1 (LIBXL_DOMAIN_SCHED_PARAM_*_DEFAULT) means "not set". */
public record DomainSchedParams(Scheduler sched, int weight, int cap, int period, int budget,
                                int extratime, int slice, int latency) implements LibxlJson {

    public static final int DEFAULT = -1;

    public static DomainSchedParams defaults() {
        return new DomainSchedParams(Scheduler.UNKNOWN, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT,
                DEFAULT, DEFAULT);
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.enumeration(w, "sched", sched, Scheduler.UNKNOWN);
        IdlJson.integer(w, "weight", weight, DEFAULT);
        IdlJson.integer(w, "cap", cap, DEFAULT);
        IdlJson.integer(w, "period", period, DEFAULT);
        IdlJson.integer(w, "budget", budget, DEFAULT);
        IdlJson.integer(w, "extratime", extratime, DEFAULT);
        IdlJson.integer(w, "slice", slice, DEFAULT);
        IdlJson.integer(w, "latency", latency, DEFAULT);
        w.endObject();
    }
}
