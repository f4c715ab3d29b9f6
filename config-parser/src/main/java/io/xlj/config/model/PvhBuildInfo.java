package io.xlj.config.model;

import io.xlj.config.json.YajlWriter;

/** b_info.u.pvh. */
public record PvhBuildInfo(Defbool pvshim, String pvshimPath, String pvshimCmdline, String pvshimExtra)
        implements TypeInfo {

    public static final PvhBuildInfo DEFAULT = new PvhBuildInfo(Defbool.DEFAULT, null, null, null);

    @Override
    public DomainType type() {
        return DomainType.PVH;
    }

    @Override
    public void writeJson(YajlWriter w) {
        w.beginObject();
        IdlJson.defbool(w, "pvshim", pvshim);
        IdlJson.string(w, "pvshim_path", pvshimPath);
        IdlJson.string(w, "pvshim_cmdline", pvshimCmdline);
        IdlJson.string(w, "pvshim_extra", pvshimExtra);
        w.endObject();
    }
}
